import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { unlockItemOp } from "@/lib/api/operations/item-operations";
import { unlockItem } from "@/lib/runs/unlock-item";

export const POST = apiOperation(unlockItemOp, async ({ actor, body, params }) =>
  unlockItem({ ...(await itemTarget(actor, params)), ...body }),
);
