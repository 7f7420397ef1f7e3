import "server-only";
import type { Tx } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { NotFoundError } from "@/lib/errors";
import { openRun } from "@/lib/runs/run-transaction";

export function assertRunOpen(run: { number: number; status: string }) {
  openRun(run);
}

/**
 * A subscriber still on the list of an open run, read under the run's lock so that
 * what the caller decides from it (acknowledged yet? token?) cannot change meanwhile.
 */
export async function loadLiveSubscriber(
  tx: Tx,
  { runId, subscriberId }: { runId: string; subscriberId: string },
) {
  await lockStream(tx, streamFor(runId));
  const sub = await tx.runSubscriber.findUnique({
    where: { id: subscriberId },
    include: { run: { select: { number: true, status: true } } },
  });
  if (!sub || sub.runId !== runId || sub.removedAt || sub.kind !== "ack")
    throw new NotFoundError("That person is not on this run's acknowledgement list.");
  assertRunOpen(sub.run);
  return sub;
}
