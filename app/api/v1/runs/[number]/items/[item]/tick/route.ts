import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { tickItemOp } from "@/lib/api/operations/item-operations";
import { tickItem } from "@/lib/runs/tick-item";

export const POST = apiOperation(tickItemOp, async ({ actor, body, params }) =>
  tickItem({ ...(await itemTarget(actor, params)), ...body }),
);
