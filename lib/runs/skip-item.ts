import "server-only";
import { DomainError, ValidationError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { outOfOrderFlag } from "@/lib/runs/flow/run-availability";
import { markSkipped } from "@/lib/runs/flow/item-writer";

/** Marks an item as not applicable ("If the change failed …" after a success), with the reason. */
export function skipItem(ref: ItemRef & { reason: string }) {
  const reason = ref.reason.trim();
  return changeItem(ref, ({ item, tx, now, requireAvailable }) => {
    if (!reason) throw new ValidationError("Say why the item is skipped.", { reason: ["Required"] });
    if (item.state !== "open") throw new DomainError("Only an open item can be skipped.");
    if (item.kind === "decision") throw new DomainError("The decision cannot be skipped.");
    const availability = requireAvailable();
    return {
      action: "item.skipped",
      data: { state: "skipped", note: reason },
      payload: { reason, ...outOfOrderFlag(availability) },
      // What does not apply does not apply below it either.
      after: async () => {
        const skipped: string[] = [];
        let parents = [item.id];
        while (parents.length) {
          const children = await tx.runItem.findMany({ where: { parentId: { in: parents }, state: "open" } });
          if (!children.length) break;
          await markSkipped(tx, { id: { in: children.map((c) => c.id) } }, reason, now);
          skipped.push(...children.map((c) => c.path));
          parents = children.map((c) => c.id);
        }
        return skipped.length ? { alsoSkipped: skipped } : {};
      },
    };
  });
}
