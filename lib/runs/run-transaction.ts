import "server-only";
import { db, dbPool, type Tx } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { asBusy } from "@/lib/db/busy";
import { DomainError, NotFoundError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { Run } from "@/lib/generated/prisma/client";
import { inRunQueue } from "@/lib/runs/run-queue";

/**
 * A transaction that changes one run: waits for the run's turn in this process
 * (lib/runs/run-queue.ts), takes the run's lock (so its changes and its audit chain are
 * serialised across processes), loads it, refuses a closed run, and reads the server clock
 * only after the lock so that the run's times never go backwards.
 *
 * Every wait has a limit: the queue's (RUN_QUEUE_WAIT_MS), the connection's (maxWait, the
 * connect timeout), the lock's (lock_timeout) and the whole transaction's (the statement
 * timeout). One that runs out is a BusyError saying which, never "internal".
 */
export function inRunTransaction<T>(
  runId: string,
  fn: (ctx: { tx: Tx; run: Run; now: Date }) => Promise<T>,
): Promise<T> {
  return inRunWork(runId, async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) throw new NotFoundError("No such run.");
    return fn({ tx, run: openRun(run), now: new Date() });
  });
}

/** The queued, locked transaction of inRunTransaction, for callers that load the run themselves. */
export async function inRunWork<T>(runId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const e = env();
  try {
    return await inRunQueue(runId, e.DB_POOL_MAX, () =>
      db().$transaction(
        async (tx) => {
          await lockStream(tx, streamFor(runId));
          return fn(tx);
        },
        { maxWait: e.DB_CONNECT_TIMEOUT_MS, timeout: e.DB_STATEMENT_TIMEOUT_MS },
      ),
    );
  } catch (err) {
    throw asBusy(err, dbPool()) ?? err;
  }
}

export function openRun<R extends { status: string; number: number }>(run: R): R {
  if (run.status !== "open") throw new DomainError(`Run #${run.number} is closed; it can no longer change.`);
  return run;
}
