import "server-only";
import { db, type Tx } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Run } from "@/lib/generated/prisma/client";

/**
 * A transaction that changes one run: takes the run's lock (so its changes and its audit
 * chain are serialised), loads it, refuses a closed run, and reads the server clock
 * only after the lock so that the run's times never go backwards.
 */
export function inRunTransaction<T>(
  runId: string,
  fn: (ctx: { tx: Tx; run: Run; now: Date }) => Promise<T>,
): Promise<T> {
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) throw new NotFoundError("No such run.");
    if (run.status !== "open")
      throw new DomainError(`Run #${run.number} is closed; it can no longer change.`);
    return fn({ tx, run, now: new Date() });
  });
}
