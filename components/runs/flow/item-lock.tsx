"use client";

import { useState } from "react";
import type { ItemAvailabilityView, RunItemView } from "@/lib/runs/run-view";
import { unlockItemAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { LocalTime } from "@/components/ui/local-time";
import { LockIcon } from "@/components/ui/lock-icon";
import { FormError } from "@/components/ui/form-error";

const unlocks: Record<string, string> = {
  branch: "opens with the decision (or the result) that takes this branch",
  result: "opens when the run's result is recorded",
  needs: "opens when what it needs is done",
  order: "opens when the previous phase is done",
};

/**
 * Why an item cannot be worked on yet and what opens it; someone who may decide can start it
 * out of order with a reason (order and dependencies only). An override stays visible.
 */
export function ItemLock(props: {
  runId: string;
  runNumber: number;
  item: RunItemView;
  availability: ItemAvailabilityView | undefined;
  canOverride: boolean;
}) {
  const { item, availability } = props;
  const cmd = useRunCommand(props.runNumber);
  const [overriding, setOverriding] = useState(false);
  const locked = item.state === "open" && availability && !availability.available;
  const overridable = locked && availability.reasons.some((r) => r.kind === "order" || r.kind === "needs");
  return (
    <>
      {item.unlocked && (
        <p className="mt-1 text-xs text-amber-900" data-testid="item-override">
          ⚠ Started out of order by {item.unlocked.by?.name ?? "someone"} at{" "}
          <LocalTime iso={item.unlocked.at} withSeconds />: “{item.unlocked.reason}”
        </p>
      )}
      {locked && (
        <div className="mt-1 rounded bg-slate-100 p-2 text-xs text-slate-700" data-testid="item-lock">
          <p>
            <LockIcon className="mr-1 inline size-3 align-[-1px]" />
            Locked:{" "}
            {availability.reasons.map((r, i) => (
              <span key={r.text}>
                {i > 0 && "; "}
                <span data-testid="lock-reason">{r.text}</span>
              </span>
            ))}
          </p>
          <p className="text-slate-600">
            {[...new Set(availability.reasons.map((r) => unlocks[r.kind] ?? ""))].filter(Boolean).join("; ")}.
          </p>
          {overridable && props.canOverride && !overriding && (
            <button type="button" className="mt-1 underline" onClick={() => setOverriding(true)}>
              Start out of order…
            </button>
          )}
          {overriding && (
            <form
              className="mt-1 flex items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
                cmd.run(
                  () =>
                    unlockItemAction({ runId: props.runId, itemId: item.id, version: item.version, reason }),
                  () => setOverriding(false),
                );
              }}
            >
              <input
                name="reason"
                required
                placeholder="Why it cannot wait"
                aria-label={`Reason to start ${item.path} out of order`}
                className="flex-1 rounded border border-slate-300 bg-white px-2 py-0.5"
              />
              <button
                type="submit"
                disabled={cmd.pending}
                className="rounded bg-amber-700 px-2 py-0.5 text-white"
              >
                Override
              </button>
              <button type="button" className="underline" onClick={() => setOverriding(false)}>
                Cancel
              </button>
            </form>
          )}
          <FormError error={cmd.error} />
        </div>
      )}
    </>
  );
}
