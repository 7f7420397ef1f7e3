"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import { skipItemAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/** "Not applicable" with a reason: a skipped item is evidence too. Opened from the item's menu. */
export function SkipForm(props: {
  runId: string;
  runNumber: number;
  item: RunItemView;
  onClose: () => void;
}) {
  const cmd = useRunCommand(props.runNumber);
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-2 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
        cmd.run(
          () =>
            skipItemAction({
              runId: props.runId,
              itemId: props.item.id,
              version: props.item.version,
              reason,
            }),
          props.onClose,
        );
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onClose();
        e.stopPropagation();
      }}
    >
      <input
        name="reason"
        required
        autoFocus
        placeholder="Why it does not apply"
        aria-label={`Reason to skip ${props.item.path}`}
        className="min-h-6 min-w-0 flex-1 rounded border border-slate-400 px-2 py-0.5"
      />
      <Button type="submit" size="sm" variant="primary" pending={cmd.pending}>
        Skip item
      </Button>
      <Button variant="link" className="text-xs" onClick={props.onClose}>
        Cancel
      </Button>
      <FormError error={cmd.error} className="w-full text-xs" />
    </form>
  );
}
