import { BusyError } from "@/lib/errors";
import { errorCodes } from "@/lib/db/error-codes";

/**
 * Failures that mean "waited too long" while PostgreSQL is answering: a lock not granted
 * within lock_timeout (55P03), a statement cancelled by statement_timeout (57014), an
 * interactive transaction that could not start or outlived its limit (Prisma P2028).
 * They are told apart from an outage so that a busy moment is never reported as one.
 */
const SQLSTATE_WAITS: Record<string, string> = {
  "55P03": "a lock held by another change",
  "57014": "the database to finish a statement",
};

type PoolState = { totalCount: number; options: { max?: number } };

/**
 * A BusyError saying which wait ran out, or null when the error is not a wait that ran out.
 * pg-pool words a wait for a free connection like a failed connect; with every connection
 * of the pool open, the database is plainly answering, so that one is a busy moment too.
 */
export function asBusy(err: unknown, pool?: PoolState): BusyError | null {
  if (err instanceof BusyError) return err;
  if (
    pool &&
    err instanceof Error &&
    POOL_WAIT_MESSAGE.test(err.message) &&
    pool.totalCount >= (pool.options.max ?? 10)
  )
    return new BusyError(
      "The change waited too long for a free database connection and was not saved. Try again.",
    );
  for (const code of errorCodes(err)) {
    const what = SQLSTATE_WAITS[code];
    if (what) return new BusyError(`The change waited too long for ${what} and was not saved. Try again.`);
    if (code === "P2028")
      return new BusyError("The change could not finish within its time limit and was not saved. Try again.");
  }
  return null;
}

/** pg-pool's own words when no connection became free in time (it says the same for a failed connect). */
export const POOL_WAIT_MESSAGE = /timeout exceeded when trying to connect/i;
