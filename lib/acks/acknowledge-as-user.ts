import "server-only";
import { db } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { loadLiveSubscriber } from "@/lib/acks/load-subscriber";
import { recordAck } from "@/lib/acks/record-ack";
import type { SubscriberRef } from "@/lib/acks/subscriber-ref";

/** A signed-in user acknowledges their own subscription, and only their own. */
export async function acknowledgeAsUser({
  actor: maybeActor,
  runId,
  subscriberId,
}: { actor: Actor | null } & SubscriberRef): Promise<{ acknowledgedAt: string }> {
  const actor = requirePermission(maybeActor, "acks.own");
  return db().$transaction(async (tx) => {
    const sub = await loadLiveSubscriber(tx, { runId, subscriberId });
    if (sub.userId !== actor.id) {
      // Someone who may not read the run learns nothing, not even that the subscription exists.
      if (!can(actor, "runs.read", (await tx.run.findUniqueOrThrow({ where: { id: runId } })).teamId))
        throw new NotFoundError("That person is not on this run's acknowledgement list.");
      throw new ForbiddenError("You can only acknowledge your own subscription.");
    }
    const at = await recordAck(tx, sub, { via: "signed_in", actorId: actor.id });
    return { acknowledgedAt: at.toISOString() };
  });
}
