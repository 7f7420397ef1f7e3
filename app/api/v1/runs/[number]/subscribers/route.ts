import { apiOperation } from "@/lib/api/operation";
import { addSubscribersOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { addSubscriber } from "@/lib/acks/add-subscriber";
import { sendAckRequestsAfter } from "@/lib/acks/send-ack-requests-after";

export const POST = apiOperation(addSubscribersOp, async ({ actor, body, params }) => {
  const run = await runByNumber(actor, params.number!);
  const added = await addSubscriber({ actor, runId: run.id, groupKey: body.group, who: body.who });
  sendAckRequestsAfter({ actor, runId: run.id });
  return added;
});
