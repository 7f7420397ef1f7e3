import { apiOperation } from "@/lib/api/operation";
import { removeSubscriberOp } from "@/lib/api/operations/run-operations";
import { runByNumber } from "@/lib/api/run-ref";
import { removeSubscriber } from "@/lib/acks/remove-subscriber";
import { NotFoundError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";

export const DELETE = apiOperation(removeSubscriberOp, async ({ actor, params }) => {
  const run = await runByNumber(actor, params.number!);
  if (!UUID.test(params.subscriber!)) throw new NotFoundError("No such subscriber on this run.");
  return removeSubscriber({ actor, runId: run.id, subscriberId: params.subscriber! });
});
