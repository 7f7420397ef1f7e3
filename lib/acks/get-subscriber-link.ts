import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { ackLinkFor } from "@/lib/acks/ack-link";
import { loadLiveSubscriber } from "@/lib/acks/load-subscriber";
import { newSecretToken } from "@/lib/security/secret-token";
import type { SubscriberRef } from "@/lib/acks/subscriber-ref";

/**
 * A subscriber's personal link, for an operator to pass on by hand. Only the token's
 * hash is stored, so an existing link cannot be shown again: this issues a new one,
 * and the previous link stops working.
 */
export async function getSubscriberLink({
  actor: maybeActor,
  runId,
  subscriberId,
}: { actor: Actor | null } & SubscriberRef): Promise<{ url: string }> {
  const actor = await requireRunPermission(maybeActor, runId, "runs.write");
  return db().$transaction(async (tx) => {
    const sub = await loadLiveSubscriber(tx, { runId, subscriberId });
    const { token, hash: tokenHash } = newSecretToken();
    const now = new Date();
    await tx.runSubscriber.update({ where: { id: sub.id }, data: { tokenHash } });
    await appendAuditEvent(tx, {
      runId,
      actorId: actor.id,
      action: "subscriber.link_issued",
      payload: { subscriberId: sub.id, group: sub.groupKey },
      at: now,
    });
    return { url: ackLinkFor(token) };
  });
}
