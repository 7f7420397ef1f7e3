import "server-only";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SIGNATURE_HEADER, signPayload } from "@/lib/webhooks/signature";
import type { WebhookJob } from "@/lib/webhooks/webhook-job";

/**
 * The webhooks.deliver handler: one signed POST per attempt, each attempt logged with its
 * answer and duration. A 2xx delivers; anything else (an error status, a timeout, a refused
 * connection) is thrown so pg-boss retries with backoff, until the last attempt fails the
 * delivery. The body is the same bytes on every attempt, so receivers can dedupe by the
 * delivery id.
 */
export async function deliverWebhookJob(job: PgBoss.JobWithMetadata<WebhookJob>) {
  const delivery = await db().webhookDelivery.findUnique({
    where: { id: job.data.deliveryId },
    include: { endpoint: true },
  });
  if (!delivery || delivery.status === "delivered") return { skipped: true };
  if (!delivery.endpoint.active) {
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { status: "failed" } });
    return { skipped: "endpoint disabled" };
  }
  const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(delivery.endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Runsheet-Webhooks/1",
        "runsheet-event": delivery.event,
        "runsheet-delivery": delivery.id,
        [SIGNATURE_HEADER]: signPayload(delivery.endpoint.secret, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(env().INTEGRATION_HTTP_TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (!res.ok) error = `answered ${res.status}`;
  } catch (err) {
    error = (err as Error).name === "TimeoutError" ? "no answer in time" : (err as Error).message;
  }
  const durationMs = Date.now() - started;
  const last = job.retryCount >= job.retryLimit;
  await db().$transaction([
    db().webhookAttempt.create({
      data: { deliveryId: delivery.id, responseStatus: status, durationMs, error },
    }),
    db().webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: { increment: 1 },
        ...(error ? (last ? { status: "failed" } : {}) : { status: "delivered", deliveredAt: new Date() }),
      },
    }),
  ]);
  if (error && !last) throw new Error(`webhook ${delivery.id}: ${error}`);
  return { status, error };
}
