import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { type Actor } from "@/lib/auth/permissions";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { replaceRunPeople } from "@/lib/runs/flow/replace-run-people";

/** Replaces the people completing a run (the seed's "Checklist Completer(s)"). */
export async function setRunAssignees(input: { actor: Actor | null; runId: string; userIds: string[] }) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.write");
  return inRunTransaction(input.runId, ({ tx, run, now }) =>
    replaceRunPeople(tx, {
      list: "runAssignee",
      runId: run.id,
      actor,
      now,
      wanted: [...new Set(input.userIds)],
      permission: "runs.write",
      refusal: { message: "Only active operators can complete a run.", field: "Not an active operator" },
      action: "run.assignees_changed",
    }),
  );
}
