import { apiOperation } from "@/lib/api/operation";
import { setApproversOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { setRunApprovers } from "@/lib/runs/set-run-approvers";

export const PUT = apiOperation(setApproversOp, async ({ actor, body, params }) => {
  const run = await runByNumber(actor, params.number!);
  return setRunApprovers({ actor, runId: run.id, userIds: body.userIds });
});
