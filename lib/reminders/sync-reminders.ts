import "server-only";
import type { Tx } from "@/lib/db";
import type { RunReminder } from "@/lib/generated/prisma/client";
import { planReminders, type PlannedReminder } from "@/lib/reminders/plan-reminders";
import { readReminderPolicy } from "@/lib/reminders/reminder-policy";

const PASSED = "its time had passed when the window was set";

/** The run's plan as it stands: window, phases, open items per phase, the template's policy. */
export async function planForRun(tx: Tx, runId: string, now: Date): Promise<PlannedReminder[]> {
  const run = await tx.run.findUniqueOrThrow({
    where: { id: runId },
    include: { templateVersion: { select: { templateId: true } } },
  });
  // One after another: a transaction's queries share one connection.
  const sections = await tx.runSection.findMany({ where: { runId }, orderBy: { position: "asc" } });
  const open = await tx.runItem.groupBy({
    by: ["sectionId"],
    where: { runId, state: "open" },
    _count: { _all: true },
  });
  const policy = await readReminderPolicy(tx, run.templateVersion.templateId, run.teamId);
  return planReminders({
    runOpen: run.status === "open",
    windowStart: run.windowStart,
    timeZone: run.windowTimeZone,
    sections: sections.map((s) => ({
      id: s.id,
      key: s.key,
      offsetMinutes: s.offsetMinutes,
      openItems: open.find((o) => o.sectionId === s.id)?._count._all ?? 0,
    })),
    policy,
    now,
  });
}

/**
 * Brings the run's reminder rows in line with its plan, inside the caller's transaction
 * (which holds the run's lock). A reminder whose phase is done, or whose run closed or lost
 * its window, is cancelled; one whose time moved is rescheduled, and goes out again even if
 * it went out for the old time; one that already went out for this time stays sent, so an
 * escalation is made once. Returns the pending reminders, for their wake-up jobs.
 */
export async function syncRunReminders(tx: Tx, runId: string, now: Date): Promise<RunReminder[]> {
  const plan = await planForRun(tx, runId, now);
  const rows = await tx.runReminder.findMany({ where: { runId } });
  const key = (sectionId: string, kind: string) => `${sectionId}:${kind}`;
  const planned = new Map(plan.map((p) => [key(p.sectionId, p.kind), p]));

  for (const row of rows) {
    const p = planned.get(key(row.sectionId, row.kind));
    const active = row.status === "pending" || row.status === "sending";
    if (!p || p.notWanted) {
      if (active && row.status === "pending")
        await tx.runReminder.update({
          where: { id: row.id },
          data: { status: "cancelled", reason: p?.notWanted ?? "the run has no window", updatedAt: now },
        });
      continue;
    }
    const moved = p.fireAt.getTime() !== row.fireAt.getTime();
    if (moved && row.status !== "sending")
      await tx.runReminder.update({
        where: { id: row.id },
        data: {
          dueAt: p.dueAt,
          fireAt: p.fireAt,
          attempts: 0,
          lastError: null,
          updatedAt: now,
          ...(p.fireAt > now ? { status: "pending", reason: null } : { status: "cancelled", reason: PASSED }),
        },
      });
    else if (row.status === "cancelled" && row.reason !== PASSED)
      // Wanted again (an item was reopened) and its time has not changed.
      await tx.runReminder.update({
        where: { id: row.id },
        data: { status: "pending", reason: null, updatedAt: now },
      });
  }
  const existing = new Set(rows.map((r) => key(r.sectionId, r.kind)));
  const fresh = plan.filter((p) => !p.notWanted && !existing.has(key(p.sectionId, p.kind)));
  if (fresh.length)
    await tx.runReminder.createMany({
      data: fresh.map((p) => ({
        runId,
        sectionId: p.sectionId,
        kind: p.kind,
        dueAt: p.dueAt,
        fireAt: p.fireAt,
        // Only what is still ahead is scheduled: a window set late (or in the past) does not
        // set off a burst of reminders for times that have gone.
        ...(p.fireAt > now ? {} : { status: "cancelled", reason: PASSED }),
        createdAt: now,
        updatedAt: now,
      })),
    });
  return tx.runReminder.findMany({ where: { runId, status: "pending" }, orderBy: { fireAt: "asc" } });
}
