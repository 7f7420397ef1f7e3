import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { requireRunPermission } from "@/lib/teams/run-access";
import { DomainError, NotFoundError } from "@/lib/errors";
import { sendNotification } from "@/lib/notify/send-notification";
import { parseInput } from "@/lib/validation/parse-input";
import {
  timedAnnouncementViewInclude,
  toTimedAnnouncementView,
  type TimedAnnouncementView,
} from "@/lib/announcements/timed-announcement-view";

export const confirmTimedAnnouncementInput = z.object({
  runId: z.uuid({ error: "Not a run id." }),
  itemId: z.uuid({ error: "Not an item id." }),
});

/**
 * The one-click confirm of a timed announcement that is due: sends it to every open channel,
 * as the person confirming, and records "confirmed by X" on the row and in the audit log.
 * A second click (or a second person) finds it sent and changes nothing.
 */
export async function confirmTimedAnnouncement({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof confirmTimedAnnouncementInput>): Promise<TimedAnnouncementView> {
  const { runId, itemId } = parseInput(confirmTimedAnnouncementInput, input);
  const who = await requireRunPermission(actor, runId, "integrations.run");
  const row = await db().runTimedAnnouncement.findUnique({ where: { itemId } });
  if (!row || row.runId !== runId)
    throw new NotFoundError("That item is not a timed announcement of this run.");
  if (row.status === "sent") return view(itemId);
  if (row.status !== "due")
    throw new DomainError(
      row.status === "pending"
        ? "This announcement is not due yet; send it with Preview & send if it must go now."
        : `This announcement is no longer waiting for a confirm${row.reason ? `: ${row.reason}` : ""}.`,
    );
  const sent = await sendNotification({ actor: who, runId, itemId, timed: "confirmed" });
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    const now = new Date();
    const { count } = await tx.runTimedAnnouncement.updateMany({
      where: { id: row.id, status: "due" },
      data: { status: "sent", sentHow: "confirmed", confirmedById: who.id, sentAt: now, updatedAt: now },
    });
    if (!count) return;
    await appendAuditEvent(tx, {
      runId,
      actorId: who.id,
      action: "announcement.confirmed",
      itemId,
      payload: {
        timedAnnouncementId: row.id,
        fireAt: row.fireAt.toISOString(),
        confirmedBy: who.handle,
        notifications: sent.notifications.map((n) => n.id),
      },
      at: now,
    });
  });
  return view(itemId);
}

async function view(itemId: string) {
  const row = await db().runTimedAnnouncement.findUniqueOrThrow({
    where: { itemId },
    include: timedAnnouncementViewInclude,
  });
  return toTimedAnnouncementView(row);
}
