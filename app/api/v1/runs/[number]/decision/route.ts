import { apiOperation } from "@/lib/api/operation";
import { decideRun } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { decisionItemOf } from "@/lib/runs/decision-item";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";

export const POST = apiOperation(decideRun, async ({ actor, body, params }) => {
  const run = await runByNumber(actor, params.number!);
  return decideGoNoGo({ actor, runId: run.id, itemId: await decisionItemOf(run.id), ...body });
});
