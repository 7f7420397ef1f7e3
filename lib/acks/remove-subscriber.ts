import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { loadLiveSubscriber } from "@/lib/acks/load-subscriber";
import type { SubscriberRef } from "@/lib/acks/subscriber-ref";

/**
 * Takes someone off the list. The row stays, marked removed, so the roster's history
 * and a past acknowledgement remain readable; their link stops working at once.
 */
export async function removeSubscriber({
  actor: maybeActor,
  runId,
  subscriberId,
}: { actor: Actor | null } & SubscriberRef): Promise<{ removedAt: string }> {
  const actor = await requireRunPermission(maybeActor, runId, "runs.write");
  return db().$transaction(async (tx) => {
    const sub = await loadLiveSubscriber(tx, { runId, subscriberId });
    const now = new Date();
    await tx.runSubscriber.update({ where: { id: sub.id }, data: { removedAt: now } });
    await appendAuditEvent(tx, {
      runId,
      actorId: actor.id,
      action: "subscriber.removed",
      payload: { subscriberId: sub.id, group: sub.groupKey, email: sub.email },
      at: now,
    });
    return { removedAt: now.toISOString() };
  });
}
