"use client";

import type { PersonRef, RunView } from "@/lib/runs/run-view";
import { approveDecisionAction, withdrawApprovalAction } from "@/app/(app)/runs/approval-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { LocalTime } from "@/components/ui/local-time";
import { ApproverPicker } from "@/components/runs/flow/approver-picker";
import { FormError } from "@/components/ui/form-error";

/**
 * GO by a quorum: each approver votes with a rationale; a NO GO vote blocks GO until it is
 * withdrawn. Shows who approved and who is awaited; the server records GO at the quorum.
 */
export function ApprovalPanel(props: { run: RunView; me: PersonRef; canVote: boolean }) {
  const approval = props.run.approval!;
  const cmd = useRunCommand(props.run.number);
  const mine = approval.votes.find((v) => v.by.id === props.me.id);
  const go = approval.votes.filter((v) => v.vote === "GO").length;
  const blocked = approval.votes.some((v) => v.vote === "NO GO");
  const stillNeeded = Math.max(0, approval.quorum - go);
  return (
    <div className="space-y-2 rounded border border-violet-300 bg-white p-2" data-testid="approval-panel">
      <p className="font-medium" data-testid="approval-count">
        GO approvals: {go} of {approval.quorum}
        {blocked && <span className="ml-2 text-red-700">blocked by a NO GO vote</span>}
      </p>
      {approval.votes.length > 0 && (
        <ul className="list-disc pl-5" data-testid="approval-votes">
          {approval.votes.map((v) => (
            <li key={v.id}>
              <span className="font-semibold">{v.vote}</span> by {v.by.name} (@{v.by.handle}) at{" "}
              <LocalTime iso={v.at} withSeconds />: “{v.rationale}”
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-600" data-testid="approval-awaited">
        {approval.named.length
          ? approval.awaited.length
            ? `Awaiting: ${approval.awaited.map((p) => "@" + p.handle).join(", ")}`
            : "Every named approver has voted."
          : stillNeeded
            ? `Awaiting ${stillNeeded} more approval${stillNeeded === 1 ? "" : "s"} from people who may decide.`
            : ""}
      </p>
      {props.canVote && approval.votes.length === 0 && <ApproverPicker run={props.run} />}
      {props.canVote && !mine && (
        <form
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            cmd.run(() =>
              approveDecisionAction({
                runId: props.run.id,
                itemId: approval.itemId,
                vote: String(f.get("vote") ?? ""),
                rationale: String(f.get("rationale") ?? ""),
              }),
            );
          }}
        >
          <fieldset className="flex gap-4">
            <legend className="sr-only">Your vote</legend>
            {(["GO", "NO GO"] as const).map((d) => (
              <label key={d} className="flex items-center gap-1">
                <input type="radio" name="vote" value={d} required aria-label={`Vote ${d}`} /> {d}
              </label>
            ))}
          </fieldset>
          <textarea
            name="rationale"
            required
            rows={2}
            aria-label="Rationale for your vote"
            className="w-full rounded border border-slate-300 p-1"
          />
          <button type="submit" disabled={cmd.pending} className="rounded bg-violet-800 px-3 py-1 text-white">
            Record my vote
          </button>
        </form>
      )}
      {props.canVote && mine && (
        <button
          type="button"
          className="underline"
          onClick={() =>
            cmd.run(() => withdrawApprovalAction({ runId: props.run.id, itemId: approval.itemId }))
          }
        >
          Withdraw my vote
        </button>
      )}
      <FormError error={cmd.error} />
    </div>
  );
}
