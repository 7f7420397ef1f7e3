import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { appUrl } from "@/lib/env";
import type { RunReminder } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { systemClock, type Clock } from "@/lib/reminders/clock";
import { composeReminder } from "@/lib/reminders/compose-reminder";
import { deliverReminder, type ChannelOutcome } from "@/lib/reminders/deliver-reminder";
import type { ReminderKind } from "@/lib/reminders/plan-reminders";
import { reminderRecipients, runSlackTargets } from "@/lib/reminders/reminder-recipients";
import { syncRunReminders } from "@/lib/reminders/sync-reminders";

/** Attempts before a reminder that no channel would take is given up (and audited as failed). */
export const MAX_ATTEMPTS = 5;
/** A claim older than this belonged to a process that died while sending. */
const STALE_CLAIM_MS = 5 * 60_000;

export type FiredReminder = {
  id: string;
  runId: string;
  sectionId: string;
  kind: ReminderKind;
  status: "sent" | "pending" | "failed";
  outcomes: ChannelOutcome[];
};

/** Retries wait 1, 2, 4, 8 minutes after the previous attempt. */
function readyToTry(r: RunReminder, now: Date): boolean {
  if (r.status === "sending") return !!r.claimedAt && now.getTime() - r.claimedAt.getTime() > STALE_CLAIM_MS;
  if (r.attempts === 0 || !r.claimedAt) return true;
  return now.getTime() - r.claimedAt.getTime() >= 2 ** (r.attempts - 1) * 60_000;
}

/**
 * Under the run's lock: brings its reminders in line with the run as it is now (items done,
 * run closed, window moved) and claims the ones that are due, so that one instance sends each.
 */
async function claimDue(runId: string, now: Date): Promise<RunReminder[]> {
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    if (!(await tx.run.findUnique({ where: { id: runId }, select: { id: true } }))) return [];
    await syncRunReminders(tx, runId, now);
    const due = await tx.runReminder.findMany({
      where: { runId, status: { in: ["pending", "sending"] }, fireAt: { lte: now } },
      orderBy: { fireAt: "asc" },
    });
    const claimed: RunReminder[] = [];
    for (const r of due.filter((r) => readyToTry(r, now)))
      claimed.push(
        await tx.runReminder.update({
          where: { id: r.id },
          data: { status: "sending", claimedAt: now, attempts: { increment: 1 }, updatedAt: now },
        }),
      );
    return claimed;
  });
}

async function sendOne(r: RunReminder, now: Date): Promise<FiredReminder> {
  const kind = r.kind as ReminderKind;
  const [run, section, openItems] = await Promise.all([
    db().run.findUniqueOrThrow({ where: { id: r.runId } }),
    db().runSection.findUniqueOrThrow({ where: { id: r.sectionId } }),
    db().runItem.findMany({ where: { sectionId: r.sectionId, state: "open" }, orderBy: { position: "asc" } }),
  ]);
  const people = await reminderRecipients(r.runId, r.sectionId, kind);
  const message = composeReminder({
    kind,
    runNumber: run.number,
    runTitle: run.title,
    phaseTitle: section.title,
    dueAt: r.dueAt,
    timeZone: run.windowTimeZone,
    now,
    openItems: openItems.map((i) => i.text),
    url: `${appUrl()}/runs/${run.number}`,
  });
  const outcomes = await deliverReminder(message, people, await runSlackTargets(r.runId), run);
  const delivered = outcomes.some((o) => "ok" in o && o.ok);
  const worthRetrying = outcomes.some((o) => "ok" in o && !o.ok && o.retryable);
  const status: FiredReminder["status"] = delivered
    ? "sent"
    : worthRetrying && r.attempts < MAX_ATTEMPTS
      ? "pending"
      : "failed";
  const lastError = outcomes
    .map((o) => ("error" in o ? o.error : "skipped" in o ? o.skipped : null))
    .filter(Boolean)
    .join("; ");

  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(r.runId));
    await tx.runReminder.update({
      where: { id: r.id },
      data: {
        status,
        sentAt: status === "sent" ? now : null,
        lastError: lastError || null,
        reason: status === "failed" ? lastError || "no channel took the reminder" : null,
        updatedAt: now,
      },
    });
    // A retry is not news; what happened (sent, or given up) is.
    if (status === "pending") return;
    await appendAuditEvent(tx, {
      runId: r.runId,
      actorId: null,
      action:
        status === "failed" ? "reminder.failed" : kind === "lead" ? "reminder.sent" : "reminder.escalated",
      payload: {
        reminderId: r.id,
        kind,
        section: section.key,
        phase: section.title,
        dueAt: r.dueAt.toISOString(),
        fireAt: r.fireAt.toISOString(),
        attempts: r.attempts,
        subject: message.subject,
        to: people.map((p) => p.handle),
        outcomes,
      },
      at: now,
    });
  });
  return { id: r.id, runId: r.runId, sectionId: r.sectionId, kind, status, outcomes };
}

/**
 * Sends every reminder that is due at the clock's time: of one run (its wake-up job) or of
 * all runs (the sweep). Everything is decided again at this moment, so a reminder whose
 * items were done meanwhile is cancelled instead of sent.
 */
export async function fireDueReminders(
  opts: { clock?: Clock; runId?: string } = {},
): Promise<FiredReminder[]> {
  const now = (opts.clock ?? systemClock)();
  const runIds = opts.runId
    ? [opts.runId]
    : (
        await db().runReminder.findMany({
          where: { status: { in: ["pending", "sending"] }, fireAt: { lte: now } },
          distinct: ["runId"],
          select: { runId: true },
        })
      ).map((r) => r.runId);
  const fired: FiredReminder[] = [];
  for (const runId of runIds) {
    for (const r of await claimDue(runId, now)) {
      try {
        fired.push(await sendOne(r, now));
      } catch (err) {
        // Left "sending": the claim goes stale and a later sweep tries again.
        logger.error({ err, reminderId: r.id }, "reminder could not be sent");
      }
    }
  }
  return fired;
}
