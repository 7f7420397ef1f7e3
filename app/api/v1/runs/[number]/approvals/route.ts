import { apiOperation } from "@/lib/api/operation";
import { approveRun, withdrawApprovalOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { approveDecision, withdrawApproval } from "@/lib/runs/approve-decision";
import { decisionItemOf } from "@/lib/runs/decision-item";

export const POST = apiOperation(approveRun, async ({ actor, body, params }) => {
  const run = await runByNumber(actor, params.number!);
  return approveDecision({ actor, runId: run.id, itemId: await decisionItemOf(run.id), ...body });
});

export const DELETE = apiOperation(withdrawApprovalOp, async ({ actor, params }) => {
  const run = await runByNumber(actor, params.number!);
  return withdrawApproval({ actor, runId: run.id, itemId: await decisionItemOf(run.id) });
});
