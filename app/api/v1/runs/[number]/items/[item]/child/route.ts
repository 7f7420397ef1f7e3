import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { createChildOp } from "@/lib/api/operations/item-operations";
import { createChildRun } from "@/lib/runs/create-child-run";

export const POST = apiOperation(createChildOp, async ({ actor, params }) => {
  const { runId, itemId } = await itemTarget(actor, params);
  const child = await createChildRun({ actor, runId, itemId });
  return { id: child.id, number: child.number, title: child.title };
});
