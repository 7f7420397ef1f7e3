import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { type Actor } from "@/lib/auth/permissions";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { replaceRunPeople } from "@/lib/runs/flow/replace-run-people";

/** Names the people who approve this run's decision (like the acknowledgement roster); none: anyone who may decide. */
export async function setRunApprovers(input: { actor: Actor | null; runId: string; userIds: string[] }) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.decide");
  return inRunTransaction(input.runId, ({ tx, run, now }) =>
    replaceRunPeople(tx, {
      list: "runApprover",
      runId: run.id,
      actor,
      now,
      wanted: [...new Set(input.userIds)],
      permission: "runs.decide",
      refusal: {
        message: "Only active people who may decide can approve.",
        field: "Not an active person with runs.decide",
      },
      action: "run.approvers_changed",
    }),
  );
}
