import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { noteItemOp } from "@/lib/api/operations/item-operations";
import { setItemNote } from "@/lib/runs/set-item-note";

export const PUT = apiOperation(noteItemOp, async ({ actor, body, params }) =>
  setItemNote({ ...(await itemTarget(actor, params)), ...body }),
);
