"use client";

import type { RunView } from "@/lib/runs/run-view";
import { setRunApproversAction } from "@/app/(app)/runs/approval-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/** Names the people who approve this run's decision (none named: anyone who may decide). */
export function ApproverPicker(props: { run: RunView }) {
  const approval = props.run.approval!;
  const cmd = useRunCommand(props.run.number);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer">Name the approvers</summary>
      <form
        className="mt-1 flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const userIds = new FormData(e.currentTarget).getAll("approver").map(String);
          cmd.run(() => setRunApproversAction({ runId: props.run.id, userIds }));
        }}
      >
        <select
          name="approver"
          multiple
          aria-label="Approvers"
          defaultValue={approval.named.map((p) => p.id)}
          className="rounded border border-slate-300 bg-white p-1"
        >
          {props.run.people.map((p) => (
            <option key={p.id} value={p.id}>
              @{p.handle}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" variant="primary" pending={cmd.pending}>
          Save approvers
        </Button>
        <FormError error={cmd.error} className="text-xs" />
      </form>
    </details>
  );
}
