import "server-only";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueWebhookDelivery } from "@/lib/webhooks/webhook-job";

/** Sends a delivery's event again as a new delivery (its own id and attempts), linked to the first. */
export async function redeliverWebhook({ actor, deliveryId }: { actor: Actor | null; deliveryId: string }) {
  requirePermission(actor, "integrations.admin");
  const first = await db().webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true },
  });
  if (!first) throw new NotFoundError("No such delivery.");
  if (!first.endpoint.active)
    throw new DomainError("The endpoint is disabled; enable it before redelivering.");
  const again = await db().webhookDelivery.create({
    data: {
      endpointId: first.endpointId,
      auditEventId: first.auditEventId,
      event: first.event,
      payload: first.payload as Prisma.InputJsonValue,
      redeliveryOfId: first.redeliveryOfId ?? first.id,
    },
  });
  await enqueueWebhookDelivery(again.id);
  return { id: again.id };
}
