import "server-only";
import { DomainError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { outOfOrderFlag } from "@/lib/runs/flow/run-availability";

/** Starts a stopwatch item's clock, so its elapsed time measures the automation itself. */
export function startItem(ref: ItemRef) {
  return changeItem(ref, ({ item, now, requireAvailable }) => {
    if (item.state !== "open") throw new DomainError("Only an open item can be started.");
    if (item.startedAt) throw new DomainError("This item's clock is already running.");
    const availability = requireAvailable();
    return {
      action: "item.started",
      data: { startedAt: now },
      payload: { startedAt: now.toISOString(), ...outOfOrderFlag(availability) },
    };
  });
}
