import "server-only";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { AckVia } from "@/lib/acks/ack-view";

type Subscriber = { id: string; runId: string; groupKey: string; acknowledgedAt: Date | null };

/**
 * Records an acknowledgement once. A second one (a double click, the link opened
 * again) keeps the first time and writes nothing, so the log holds one event per person.
 * The caller holds the run's lock and read `sub` under it.
 */
export async function recordAck(
  tx: Tx,
  sub: Subscriber,
  { via, actorId }: { via: AckVia; actorId: string | null },
): Promise<Date> {
  if (sub.acknowledgedAt) return sub.acknowledgedAt;
  const now = new Date();
  await tx.runSubscriber.update({
    where: { id: sub.id },
    data: { acknowledgedAt: now, acknowledgedVia: via },
  });
  await appendAuditEvent(tx, {
    runId: sub.runId,
    actorId,
    action: "ack.recorded",
    payload: { subscriberId: sub.id, group: sub.groupKey, via },
    at: now,
  });
  return now;
}
