import "server-only";
import { enqueue } from "@/lib/jobs/queue";

export const WEBHOOK_DELIVER = "webhooks.deliver";
export type WebhookJob = { deliveryId: string };

/** Retries with doubling delays from 10 s: about 40 minutes of tries before a delivery is failed. */
export const WEBHOOK_RETRY_LIMIT = 8;

export function enqueueWebhookDelivery(deliveryId: string): Promise<string | null> {
  return enqueue<WebhookJob>(
    WEBHOOK_DELIVER,
    { deliveryId },
    {
      singletonKey: deliveryId,
      retryLimit: WEBHOOK_RETRY_LIMIT,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: 60,
    },
  );
}
