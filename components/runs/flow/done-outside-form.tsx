"use client";

import { useState } from "react";
import type { RunItemView } from "@/lib/runs/run-view";
import { tickItemAction } from "@/app/(app)/runs/actions";
import { useRunCommand } from "@/components/runs/use-run-command";

/**
 * An automation step is ticked by running it. When it was done by hand elsewhere, this
 * records that, with a note saying what was done; the evidence is flagged as manual.
 */
export function DoneOutsideForm(props: { runId: string; runNumber: number; item: RunItemView }) {
  const cmd = useRunCommand(props.runNumber);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="underline" onClick={() => setOpen(true)}>
        Done outside Runsheet…
      </button>
    );
  }
  return (
    <form
      className="flex w-full items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const note = String(new FormData(e.currentTarget).get("note") ?? "");
        cmd.run(
          () =>
            tickItemAction({
              runId: props.runId,
              itemId: props.item.id,
              version: props.item.version,
              done: true,
              doneOutside: { note },
            }),
          () => setOpen(false),
        );
      }}
    >
      <input
        name="note"
        required
        placeholder="What was done, where, with which ids"
        aria-label={`What was done outside Runsheet for ${props.item.path}`}
        className="flex-1 rounded border border-slate-300 px-2 py-0.5"
      />
      <button type="submit" disabled={cmd.pending} className="rounded bg-slate-700 px-2 py-0.5 text-white">
        Mark done outside Runsheet
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
