import "server-only";
import { DomainError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";

/** Starts a stopwatch item's clock, so its elapsed time measures the automation itself. */
export function startItem(ref: ItemRef) {
  return changeItem(ref, ({ item, now }) => {
    if (item.state !== "open") throw new DomainError("Only an open item can be started.");
    if (item.startedAt) throw new DomainError("This item's clock is already running.");
    return { action: "item.started", data: { startedAt: now }, payload: { startedAt: now.toISOString() } };
  });
}
