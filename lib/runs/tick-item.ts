import "server-only";
import { DomainError, ValidationError } from "@/lib/errors";
import { outOfOrderFlag } from "@/lib/runs/flow/run-availability";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { elapsedOf } from "@/lib/runs/elapsed";
import { tickEffects, tickReachesBeyond } from "@/lib/runs/tick-effects";
import type { ItemSpec } from "@/lib/runs/run-view";

export const OUTSIDE_NOTE_MAX = 2000;

/**
 * Ticks (done = true) or unticks an item; the tick records who, when and the elapsed time.
 * An automation step is ticked by running it; `doneOutside` is the one exception, a step
 * done outside Runsheet, which needs a note saying what was done and is flagged as manual evidence.
 */
export function tickItem(ref: ItemRef & { done: boolean; doneOutside?: { note: string } }) {
  const outsideNote = ref.doneOutside?.note.trim();
  return changeItem(ref, ({ item, actor, tx, now, previousTickAt, requireAvailable }) => {
    if (item.state === "not_taken") throw new DomainError("This item is on the branch that was not taken.");
    if (item.state === "skipped")
      throw new DomainError("This item was skipped as not applicable; it cannot be ticked.");
    const spec = item.spec as ItemSpec;
    if (ref.done) {
      if (item.state === "done") throw new DomainError("This item is already ticked.");
      if (item.kind === "decision")
        throw new DomainError("Record the decision with its rationale instead of ticking it.");
      if (item.kind === "record" && !spec.recordValue)
        throw new DomainError("Record the value this item asks for instead of ticking it.");
      if (item.kind === "link")
        throw new DomainError("This item ticks itself when its child checklist is completed.");
      if (item.kind === "automation" && ref.doneOutside === undefined)
        throw new DomainError(
          "This step is ticked by running it; if it was done outside Runsheet, mark it so with a note saying what was done.",
        );
      if (ref.doneOutside !== undefined) {
        if (item.kind !== "automation")
          throw new DomainError("Only an automation step can be marked done outside Runsheet.");
        if (!outsideNote)
          throw new ValidationError("Say what was done outside Runsheet.", { note: ["Required"] });
        if (outsideNote.length > OUTSIDE_NOTE_MAX)
          throw new ValidationError("The note is too long.", { note: ["Too long"] });
      }
      const availability = requireAvailable();
      const { elapsedMs, elapsedFrom } = elapsedOf(item, previousTickAt, item.run.createdAt, now);
      return {
        action: "item.ticked",
        data: {
          state: "done",
          doneById: actor.id,
          doneAt: now,
          elapsedMs,
          ...(outsideNote ? { note: outsideNote } : {}),
        },
        payload: {
          elapsedMs,
          elapsedFrom,
          ...outOfOrderFlag(availability),
          ...(outsideNote ? { manualEvidence: true, doneOutside: outsideNote } : {}),
        },
        ...(tickReachesBeyond(item)
          ? { after: () => tickEffects(tx, item, { actorId: actor.id, now }) }
          : {}),
      };
    }
    if (item.state !== "done") throw new DomainError("This item is not ticked.");
    const setsResult = (item.kind === "record" && spec.recordValue) || spec.goTo;
    if (item.kind === "decision" || item.kind === "link" || (setsResult && item.run.result)) {
      throw new DomainError("This item was recorded by the run's flow; it cannot be unticked.");
    }
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
