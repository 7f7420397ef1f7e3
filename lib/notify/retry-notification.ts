import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { enqueueDelivery } from "@/lib/notify/notify-job";
import {
  notificationViewSelect,
  toNotificationView,
  type NotificationView,
} from "@/lib/notify/notification-view";

/** Tries a failed delivery again: the same row and message, never a second send. */
export async function retryNotification({
  actor,
  ...input
}: {
  actor: Actor | null;
  runId: string;
  notificationId: string;
}): Promise<NotificationView> {
  const who = await requireRunPermission(actor, input.runId, "integrations.run");
  await inRunTransaction(input.runId, async ({ tx, now }) => {
    const n = await tx.notification.findUnique({ where: { id: input.notificationId } });
    if (!n || n.runId !== input.runId) throw new NotFoundError("That notification is not part of this run.");
    if (n.status !== "failed")
      throw new DomainError(`Only a failed delivery can be retried; this one is ${n.status}.`);
    await tx.notification.update({ where: { id: n.id }, data: { status: "queued", updatedAt: now } });
    await appendAuditEvent(tx, {
      runId: n.runId,
      actorId: who.id,
      action: "notification.retried",
      itemId: n.itemId,
      payload: { notificationId: n.id, channel: n.channel, target: n.target, lastError: n.lastError },
      at: now,
    });
  });
  await enqueueDelivery(input.notificationId);
  const n = await db().notification.findUniqueOrThrow({
    where: { id: input.notificationId },
    select: notificationViewSelect,
  });
  return toNotificationView(n);
}
