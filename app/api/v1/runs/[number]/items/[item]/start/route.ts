import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { startItemOp } from "@/lib/api/operations/item-operations";
import { startItem } from "@/lib/runs/start-item";

export const POST = apiOperation(startItemOp, async ({ actor, body, params }) =>
  startItem({ ...(await itemTarget(actor, params)), ...body }),
);
