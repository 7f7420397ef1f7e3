import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";

import { DomainError, ValidationError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { computeAvailability, describeLock } from "@/lib/runs/flow/availability";

export const UNLOCK_REASON_MAX = 2000;

/**
 * Lets an item (and what is under it) be worked on before the items or phases it waits
 * for are done: only order and dependencies, never a branch, a result or approvals. Needs
 * runs.decide and a reason; the event is flagged as an override, and every later change of
 * the item that relies on it is flagged "out of order".
 */
export async function unlockItem(ref: ItemRef & { reason: string }) {
  await requireRunPermission(ref.actor, ref.runId, "runs.decide");
  const reason = ref.reason.trim();
  if (!reason)
    throw new ValidationError("Say why the item is started out of order.", { reason: ["Required"] });
  if (reason.length > UNLOCK_REASON_MAX)
    throw new ValidationError("The reason is too long.", { reason: ["Too long"] });
  return changeItem(ref, ({ item, actor, now, facts }) => {
    if (item.state !== "open") throw new DomainError("Only an open item can be started out of order.");
    if (item.unlockedAt) throw new DomainError("This item was already started out of order.");
    const asIfUnlocked = computeAvailability({
      ...facts,
      items: facts.items.map((i) => (i.id === item.id ? { ...i, unlocked: true } : i)),
    }).get(item.id)!;
    // An override that would leave the item locked (by a branch, a result) would only confuse the record.
    if (asIfUnlocked.reasons.length)
      throw new DomainError(
        `Only the order of the run can be overridden; item ${item.path} still ${describeLock(asIfUnlocked.reasons)}.`,
      );
    if (!asIfUnlocked.overridden.length)
      throw new DomainError(`Item ${item.path} is not waiting for anything; there is nothing to override.`);
    return {
      action: "item.unlocked",
      data: { unlockedAt: now, unlockedById: actor.id, unlockReason: reason },
      payload: {
        override: true,
        reason,
        lifted: asIfUnlocked.overridden.map((r) => r.text),
        stillLocked: asIfUnlocked.reasons.map((r) => r.text),
      },
    };
  });
}
