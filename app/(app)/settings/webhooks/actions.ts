"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import {
  createWebhookEndpoint,
  newWebhookEndpointSchema,
  setWebhookEndpointActive,
} from "@/lib/webhooks/manage-webhook-endpoints";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";

export async function createWebhookEndpointAction(input: unknown) {
  return runAction(newWebhookEndpointSchema, input, async (actor, data) => {
    const created = await createWebhookEndpoint({ actor, ...data });
    revalidatePath("/settings/webhooks");
    return created;
  });
}

export async function setWebhookEndpointActiveAction(input: unknown) {
  return runAction(z.object({ endpointId: z.uuid(), active: z.boolean() }), input, async (actor, data) => {
    const done = await setWebhookEndpointActive({ actor, ...data });
    revalidatePath("/settings/webhooks");
    return done;
  });
}

export async function redeliverWebhookAction(input: unknown) {
  return runAction(z.object({ deliveryId: z.uuid() }), input, async (actor, data) => {
    const again = await redeliverWebhook({ actor, ...data });
    revalidatePath("/settings/webhooks");
    return again;
  });
}
