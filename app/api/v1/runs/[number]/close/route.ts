import { apiOperation } from "@/lib/api/operation";
import { closeRunOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { closeRun } from "@/lib/runs/close-run";

export const POST = apiOperation(closeRunOp, async ({ actor, params }) => {
  const run = await runByNumber(actor, params.number!);
  return closeRun({ actor, runId: run.id });
});
