"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { acknowledgeAsUser } from "@/lib/acks/acknowledge-as-user";
import { addSubscriber } from "@/lib/acks/add-subscriber";
import { getSubscriberLink } from "@/lib/acks/get-subscriber-link";
import { removeSubscriber } from "@/lib/acks/remove-subscriber";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { subscriberRefSchema } from "@/lib/acks/subscriber-ref";

export async function addSubscriberAction(input: unknown) {
  return runAction(
    z.object({ runId: z.uuid(), groupKey: z.string().min(1).max(200), who: z.string().max(5_000) }),
    input,
    async (actor, data) => {
      const { added } = await addSubscriber({ actor, ...data });
      // Newcomers get their email at once, as those listed when the run started did.
      const mail = await sendAckRequests({
        actor,
        runId: data.runId,
        onlyPending: true,
        subscriberIds: added.map((a) => a.id),
      });
      return { added: added.length, mail };
    },
  );
}

export async function removeSubscriberAction(input: unknown) {
  return runAction(subscriberRefSchema, input, (actor, data) => removeSubscriber({ actor, ...data }));
}

export async function subscriberLinkAction(input: unknown) {
  return runAction(subscriberRefSchema, input, (actor, data) => getSubscriberLink({ actor, ...data }));
}

export async function sendAckRemindersAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid() }), input, (actor, data) =>
    sendAckRequests({ actor, runId: data.runId, onlyPending: true }),
  );
}

export async function acknowledgeSubscriptionAction(input: unknown) {
  return runAction(subscriberRefSchema, input, (actor, data) => acknowledgeAsUser({ actor, ...data }));
}
