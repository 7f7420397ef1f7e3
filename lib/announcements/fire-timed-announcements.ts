import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { BusyError, DomainError } from "@/lib/errors";
import type { RunTimedAnnouncement } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { sendNotification } from "@/lib/notify/send-notification";
import { systemClock, type Clock } from "@/lib/reminders/clock";
import { askToConfirm } from "@/lib/announcements/ask-to-confirm";
import { responsiblePeople } from "@/lib/announcements/responsible-person";
import { syncRunTimedAnnouncements } from "@/lib/announcements/sync-timed-announcements";

/** A claim older than this belonged to a process that died while sending. */
const STALE_CLAIM_MS = 5 * 60_000;

export type FiredTimedAnnouncement = { id: string; itemId: string; status: "due" | "sent" };

/** Under the run's lock: the rows in line with the run as it is now, and the due ones claimed. */
async function claimDue(runId: string, now: Date): Promise<RunTimedAnnouncement[]> {
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    if (!(await tx.run.findUnique({ where: { id: runId }, select: { id: true } }))) return [];
    await syncRunTimedAnnouncements(tx, runId, now);
    const stale = new Date(now.getTime() - STALE_CLAIM_MS);
    const due = await tx.runTimedAnnouncement.findMany({
      where: {
        runId,
        fireAt: { lte: now },
        OR: [{ status: "pending" }, { status: "sending", claimedAt: { lt: stale } }],
      },
      orderBy: { fireAt: "asc" },
    });
    const claimed: RunTimedAnnouncement[] = [];
    for (const r of due)
      claimed.push(
        await tx.runTimedAnnouncement.update({
          where: { id: r.id },
          data: { status: "sending", claimedAt: now, attempts: { increment: 1 }, updatedAt: now },
        }),
      );
    return claimed;
  });
}

/** Records what happened to a claimed row, with its audit event, under the run's lock. */
async function settle(
  r: RunTimedAnnouncement,
  now: Date,
  outcome:
    | { status: "sent"; payload: Record<string, unknown> }
    | { status: "due"; payload: Record<string, unknown> },
) {
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(r.runId));
    await tx.runTimedAnnouncement.update({
      where: { id: r.id },
      data:
        outcome.status === "sent"
          ? { status: "sent", sentHow: "automatic", sentAt: now, lastError: null, updatedAt: now }
          : { status: "due", askedAt: now, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      runId: r.runId,
      actorId: null,
      action:
        outcome.status === "sent" ? "announcement.sent_automatically" : "announcement.confirm_requested",
      itemId: r.itemId,
      payload: {
        timedAnnouncementId: r.id,
        mode: r.mode,
        fireAt: r.fireAt.toISOString(),
        ...outcome.payload,
      },
      at: now,
    });
  });
}

/**
 * One due announcement: with auto-send it goes out on its own, requested for the responsible
 * person and recorded as "sent automatically at its time"; otherwise (or when it cannot go out
 * on its own, say because an earlier phase is still open) the responsible people are asked for
 * a one-click confirm and the item shows "due: confirm sending".
 */
async function fireOne(r: RunTimedAnnouncement, now: Date): Promise<FiredTimedAnnouncement> {
  const people = await responsiblePeople(r.runId, r.itemId);
  let because: string | undefined;
  if (r.mode === "auto" && people[0]) {
    try {
      const sent = await sendNotification({
        actor: people[0],
        runId: r.runId,
        itemId: r.itemId,
        timed: "automatic",
      });
      await settle(r, now, {
        status: "sent",
        payload: { onBehalfOf: people[0].handle, notifications: sent.notifications.map((n) => n.id) },
      });
      return { id: r.id, itemId: r.itemId, status: "sent" };
    } catch (err) {
      // A busy moment or an outage is tried again later; a refusal of the run's rules is asked about.
      if (!(err instanceof DomainError) || err instanceof BusyError) throw err;
      because = err.message;
    }
  }
  const [run, item] = await Promise.all([
    db().run.findUniqueOrThrow({ where: { id: r.runId } }),
    db().runItem.findUniqueOrThrow({ where: { id: r.itemId } }),
  ]);
  const asked = await askToConfirm({
    people,
    runNumber: run.number,
    runTitle: run.title,
    itemId: item.id,
    itemText: item.text,
    fireAt: r.fireAt,
    timeZone: run.windowTimeZone,
    because,
  });
  await settle(r, now, {
    status: "due",
    payload: {
      asked: people.map((p) => p.handle),
      emails: asked,
      ...(because ? { notSentBecause: because } : {}),
    },
  });
  return { id: r.id, itemId: r.itemId, status: "due" };
}

/**
 * Fires every timed announcement due at the clock's time: of one run (its wake-up job) or of
 * all runs (the sweep). Everything is decided again at this moment, so an announcement sent
 * by hand meanwhile is cancelled instead of sent twice.
 */
export async function fireDueTimedAnnouncements(
  opts: { clock?: Clock; runId?: string } = {},
): Promise<FiredTimedAnnouncement[]> {
  const now = (opts.clock ?? systemClock)();
  const runIds = opts.runId
    ? [opts.runId]
    : (
        await db().runTimedAnnouncement.findMany({
          where: { status: { in: ["pending", "sending"] }, fireAt: { lte: now } },
          distinct: ["runId"],
          select: { runId: true },
        })
      ).map((r) => r.runId);
  const fired: FiredTimedAnnouncement[] = [];
  for (const runId of runIds)
    for (const r of await claimDue(runId, now)) {
      try {
        fired.push(await fireOne(r, now));
      } catch (err) {
        // Left "sending": the claim goes stale and a later sweep tries again.
        logger.error({ err, timedAnnouncementId: r.id }, "timed announcement could not be fired");
      }
    }
  return fired;
}
