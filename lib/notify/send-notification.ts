import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { refuseWrongResult, requireAvailable } from "@/lib/runs/flow/run-availability";
import { loadAnnouncement, messageHash } from "@/lib/notify/announcement";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { enqueueDelivery } from "@/lib/notify/notify-job";
import {
  notificationViewSelect,
  toNotificationView,
  type NotificationView,
} from "@/lib/notify/notification-view";
import type { Channel } from "@/lib/notify/target-config";

export type SendResult = { notifications: NotificationView[]; queued: number };

/**
 * Sends a notify/decision item's announcement to its open channel sub-items (or the
 * `channels` named): one outbox row per channel and the audit event in one transaction,
 * then one delivery job per new row. The key (run, channel item, message) makes a repeated
 * send of the same text a no-op; a corrected message is a new send.
 */
export async function sendNotification({
  actor,
  ...input
}: {
  actor: Actor | null;
  runId: string;
  itemId: string;
  channels?: Channel[];
  /** A timed announcement's send: on its own at its time, or confirmed in one click. */
  timed?: "automatic" | "confirmed";
}): Promise<SendResult> {
  const who = await requireRunPermission(actor, input.runId, "integrations.run");
  const { created, all } = await inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const a = await loadAnnouncement(tx, run, input.itemId);
    refuseWrongResult(a.parent, run.result);
    await requireAvailable(tx, run, a.parent);
    if (a.parent.state === "not_taken" || a.parent.state === "skipped")
      throw new DomainError("This announcement is not part of the path the run took.");
    if (a.missing.length)
      throw new DomainError(`Fill in ${a.missing.join(", ")} before sending: the message still needs it.`);
    const picked = a.channels.filter(
      (c) => c.item.state === "open" && (!input.channels || input.channels.includes(c.channel.type)),
    );
    if (!picked.length) throw new DomainError("Every channel asked for is already ticked or not applicable.");
    const problems: string[] = [];
    for (const c of picked) {
      const target = await resolveTarget(c.channel.type, c.channel.target, run);
      if (!target.ok) problems.push(target.problem);
    }
    if (problems.length) throw new DomainError(`Nothing was sent. ${problems.join(" ")}`);
    const hash = messageHash(a.message);
    const rows = picked.map((c) => ({
      runId: run.id,
      itemId: c.item.id,
      channel: c.channel.type,
      target: c.channel.target,
      message: a.message,
      idempotencyKey: `${run.id}:${c.item.id}:${hash}`,
      requestedById: who.id,
      createdAt: now,
      updatedAt: now,
    }));
    // ON CONFLICT DO NOTHING: the run lock orders two clicks, and the second inserts nothing.
    const inserted = await tx.notification.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: notificationViewSelect,
    });
    if (inserted.length) {
      await appendAuditEvent(tx, {
        runId: run.id,
        actorId: who.id,
        action: "notification.requested",
        itemId: a.parent.id,
        payload: {
          path: a.parent.path,
          message: a.message,
          messageHash: hash,
          ...(input.timed ? { timed: input.timed } : {}),
          notifications: inserted.map((n) => ({
            id: n.id,
            channel: n.channel,
            target: n.target,
            itemId: n.itemId,
          })),
        },
        at: now,
      });
    }
    const existing = await tx.notification.findMany({
      where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } },
      select: notificationViewSelect,
      orderBy: { createdAt: "asc" },
    });
    return { created: inserted, all: existing };
  });
  // Jobs go out only after the commit: a worker must never look for a row that is not there yet.
  for (const n of created) {
    try {
      await enqueueDelivery(n.id);
    } catch (err) {
      console.error("could not queue a notification", err);
      await db().notification.update({
        where: { id: n.id },
        data: {
          status: "failed",
          lastError: "The delivery could not be queued; use Retry.",
          updatedAt: new Date(),
        },
      });
    }
  }
  const fresh = await db().notification.findMany({
    where: { id: { in: all.map((n) => n.id) } },
    select: notificationViewSelect,
    orderBy: { createdAt: "asc" },
  });
  return { notifications: fresh.map(toNotificationView), queued: created.length };
}
