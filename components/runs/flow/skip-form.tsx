"use client";

import { useState } from "react";
import type { RunItemView } from "@/lib/runs/run-view";
import { skipItemAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";

/** "Not applicable" with a reason: a skipped item is evidence too. */
export function SkipForm(props: { runId: string; runNumber: number; item: RunItemView }) {
  const cmd = useRunCommand(props.runNumber);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="underline" onClick={() => setOpen(true)}>
        Skip
      </button>
    );
  }
  return (
    <form
      className="flex items-center gap-2"
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
          () => setOpen(false),
        );
      }}
    >
      <input
        name="reason"
        required
        placeholder="Why it does not apply"
        aria-label={`Reason to skip ${props.item.path}`}
        className="rounded border border-slate-300 px-2 py-0.5"
      />
      <button type="submit" disabled={cmd.pending} className="rounded bg-slate-700 px-2 py-0.5 text-white">
        Skip item
      </button>
      <button type="button" className="underline" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {cmd.error && (
        <span role="alert" className="text-red-700">
          {cmd.error}
        </span>
      )}
    </form>
  );
}
