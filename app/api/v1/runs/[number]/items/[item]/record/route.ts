import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { recordItemOp } from "@/lib/api/operations/item-operations";
import { recordItem } from "@/lib/runs/record-item";

export const POST = apiOperation(recordItemOp, async ({ actor, body, params }) =>
  recordItem({ ...(await itemTarget(actor, params)), ...body }),
);
