import { apiOperation } from "@/lib/api/operation";
import { editRunFieldsOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { editRunFields } from "@/lib/runs/edit-run-fields";

export const PATCH = apiOperation(editRunFieldsOp, async ({ actor, body, params }) => {
  const run = await runByNumber(actor, params.number!);
  return editRunFields({ actor, runId: run.id, ...body });
});
