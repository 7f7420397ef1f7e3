"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import {
  setSubscriptionDelivery,
  setSubscriptionDeliveryInput,
} from "@/lib/subscriptions/subscription-delivery";

/** The signed-in person's own choice: email about runs they are copied on, or none. */
export async function setSubscriptionDeliveryAction(raw: unknown) {
  return runAction(setSubscriptionDeliveryInput, raw, async (actor, data) => {
    const delivery = await setSubscriptionDelivery({ actor, ...data });
    revalidatePath("/settings/subscriptions");
    return delivery;
  });
}
