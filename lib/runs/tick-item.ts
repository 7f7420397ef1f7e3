import "server-only";
import { DomainError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { elapsedStart } from "@/lib/runs/elapsed";

/** Ticks (done = true) or unticks an item; the tick records who, when and the elapsed time. */
export function tickItem(ref: ItemRef & { done: boolean }) {
  return changeItem(ref, async ({ item, tx, now }) => {
    if (item.state === "not_taken") throw new DomainError("This item is on the branch that was not taken.");
    if (ref.done) {
      if (item.state === "done") throw new DomainError("This item is already ticked.");
      const previous = await tx.runItem.findFirst({
        where: { runId: item.runId, state: "done" },
        orderBy: { doneAt: "desc" },
        select: { doneAt: true },
      });
      const start = elapsedStart(item, previous?.doneAt ?? null, item.run.createdAt);
      const elapsedMs = Math.max(0, now.getTime() - start.getTime());
      return {
        action: "item.ticked",
        data: { state: "done", doneById: ref.actor!.id, doneAt: now, elapsedMs },
        payload: { elapsedMs, elapsedFrom: start.toISOString() },
      };
    }
    if (item.state !== "done") throw new DomainError("This item is not ticked.");
    return {
      action: "item.unticked",
      data: { state: "open", doneById: null, doneAt: null, elapsedMs: null },
      // The log keeps what the untick erased from the item.
      payload: {
        wasDoneById: item.doneById,
        wasDoneAt: item.doneAt?.toISOString(),
        wasElapsedMs: item.elapsedMs,
      },
    };
  });
}
