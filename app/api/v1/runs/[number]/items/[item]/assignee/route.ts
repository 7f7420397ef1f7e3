import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { assignItemOp } from "@/lib/api/operations/item-operations";
import { assignItem } from "@/lib/runs/assign-item";

export const PUT = apiOperation(assignItemOp, async ({ actor, body, params }) =>
  assignItem({ ...(await itemTarget(actor, params)), ...body }),
);
