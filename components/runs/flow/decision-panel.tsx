"use client";

import { useState } from "react";
import type { PersonRef, RunView } from "@/lib/runs/run-view";
import { ApprovalPanel } from "@/components/runs/flow/approval-panel";
import { decideAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { LocalTime } from "@/components/ui/local-time";
import { FormError } from "@/components/ui/form-error";

/** The Go/No-Go decision: record it with a rationale, or revise it with a new one; history stays visible. */
export function DecisionPanel(props: { run: RunView; itemId: string; canDecide: boolean; me: PersonRef }) {
  const { run, itemId } = props;
  const cmd = useRunCommand(run.number);
  const [revising, setRevising] = useState(false);
  const current = run.decisions[0];
  const showForm = props.canDecide && run.status === "open" && (!current || revising);
  // With a quorum, GO comes from the approvals; the form records only a NO GO.
  const byQuorum = run.approval?.itemId === itemId && run.approval.quorum > 1;
  const choices = byQuorum ? (["NO GO"] as const) : (["GO", "NO GO"] as const);
  const deciding = !current || current.decision !== "GO" || revising;
  return (
    <div
      className="mt-2 space-y-2 rounded border border-violet-200 bg-violet-50 p-3 text-sm"
      data-testid="decision-panel"
    >
      {current ? (
        <p data-testid="decision-current">
          <span className="mr-2 rounded bg-violet-700 px-2 py-0.5 font-semibold text-white">
            {current.decision}
          </span>
          decided by {current.decidedBy.name} at <LocalTime iso={current.decidedAt} withSeconds />: “
          {current.rationale}”
        </p>
      ) : (
        <p className="text-violet-900">No decision yet.</p>
      )}
      {current?.planSha256 && (
        <p className="text-xs text-violet-900" data-testid="signed-plan">
          Signed plan SHA-256 <code>{current.planSha256}</code>
        </p>
      )}
      {byQuorum && run.status === "open" && deciding && (
        <ApprovalPanel run={run} me={props.me} canVote={props.canDecide} />
      )}
      {run.decisions.length > 1 && (
        <details>
          <summary className="cursor-pointer text-violet-900">
            Earlier decisions ({run.decisions.length - 1})
          </summary>
          <ul className="mt-1 list-disc pl-5">
            {run.decisions.slice(1).map((d) => (
              <li key={d.id}>
                {d.decision} by {d.decidedBy.name} at <LocalTime iso={d.decidedAt} />: “{d.rationale}”
                (superseded)
              </li>
            ))}
          </ul>
        </details>
      )}
      {current && !revising && props.canDecide && run.status === "open" && (
        <button type="button" className="underline" onClick={() => setRevising(true)}>
          Revise the decision
        </button>
      )}
      {showForm && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            cmd.run(
              () =>
                decideAction({
                  runId: run.id,
                  itemId,
                  decision: String(f.get("decision") ?? ""),
                  rationale: String(f.get("rationale") ?? ""),
                }),
              () => setRevising(false),
            );
          }}
        >
          <fieldset className="flex gap-4">
            <legend className="sr-only">Decision</legend>
            {choices.map((d) => (
              <label key={d} className="flex items-center gap-1 font-medium">
                <input type="radio" name="decision" value={d} required /> {d}
              </label>
            ))}
          </fieldset>
          <label className="block">
            <span className="text-xs text-slate-600">
              Rationale{current ? " (a revision needs a new one)" : ""}
            </span>
            <textarea
              name="rationale"
              required
              rows={2}
              className="mt-1 w-full rounded border border-slate-300 bg-white p-2"
            />
          </label>
          <button
            type="submit"
            disabled={cmd.pending}
            className="rounded bg-violet-800 px-3 py-1 text-white disabled:opacity-50"
          >
            {current ? "Record revised decision" : "Record decision"}
          </button>
        </form>
      )}
      <FormError error={cmd.error} />
    </div>
  );
}
