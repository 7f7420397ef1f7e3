import type { RunItemView } from "@/lib/runs/run-view";
import type { Availability } from "@/components/runs/item/item-types";

/** What a row offers for its item: whether the box can be ticked and the item edited, and why not. */
export function itemControls(item: RunItemView, availability: Availability | undefined, readOnly: boolean) {
  const done = item.state === "done";
  const open = item.state === "open";
  // Locked by the run's order, a branch, a result: the same answer the server gives a writer.
  const locked = open && !!availability && !availability.available;
  const inactive = readOnly || item.state === "not_taken" || item.state === "skipped";
  // These are ticked by what they record: a decision, a value, a child run's completion, a step's run.
  const tickedByFlow =
    item.kind === "decision" ||
    item.kind === "link" ||
    item.kind === "automation" ||
    (item.kind === "record" && !item.spec.recordValue);
  const canTick = !locked && !inactive && !tickedByFlow;
  const editable = !readOnly && item.state !== "not_taken";
  return { done, open, locked, inactive, tickedByFlow, canTick, editable };
}
