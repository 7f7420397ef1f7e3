import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { announceItemOp } from "@/lib/api/operations/item-operations";
import { sendNotification } from "@/lib/notify/send-notification";

export const POST = apiOperation(announceItemOp, async ({ actor, body, params }) => {
  const { runId, itemId } = await itemTarget(actor, params);
  return sendNotification({ actor, runId, itemId, channels: body.channels });
});
