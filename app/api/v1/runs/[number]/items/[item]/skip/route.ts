import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { skipItemOp } from "@/lib/api/operations/item-operations";
import { skipItem } from "@/lib/runs/skip-item";

export const POST = apiOperation(skipItemOp, async ({ actor, body, params }) =>
  skipItem({ ...(await itemTarget(actor, params)), ...body }),
);
