"use client";

import { useState } from "react";
import type { RunItemView } from "@/lib/runs/run-view";
import { tickItemAction } from "@/app/(app)/runs/actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * An automation step is ticked by running it. When it was done by hand elsewhere, this
 * records that, with a note saying what was done; the evidence is flagged as manual.
 */
export function DoneOutsideForm(props: { runId: string; runNumber: number; item: RunItemView }) {
  const cmd = useRunCommand(props.runNumber);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="link" className="text-xs" onClick={() => setOpen(true)}>
        Done outside Runsheet…
      </Button>
    );
  }
  return (
    <form
      className="flex w-full flex-wrap items-center gap-2"
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
      onKeyDown={(e) => e.stopPropagation()}
    >
      <input
        name="note"
        required
        placeholder="What was done, where, with which ids"
        aria-label={`What was done outside Runsheet for ${props.item.path}`}
        className="min-h-6 min-w-0 flex-1 rounded border border-slate-400 px-2 py-0.5"
      />
      <Button type="submit" size="sm" variant="primary" pending={cmd.pending}>
        Mark done outside Runsheet
      </Button>
      <Button variant="link" className="text-xs" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      <FormError error={cmd.error} className="w-full text-xs" />
    </form>
  );
}
