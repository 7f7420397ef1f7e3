import "server-only";
import type { Tx } from "@/lib/db";
import type { RunTimedAnnouncement } from "@/lib/generated/prisma/client";
import type { ItemSpec } from "@/lib/runs/run-view";
import { readTimedAnnouncementMode } from "@/lib/announcements/timed-announcement-setting";
import {
  planTimedAnnouncements,
  type PlannedTimedAnnouncement,
} from "@/lib/announcements/plan-timed-announcements";

export const PASSED = "its time had passed when the window was set";
/** Rows still waiting for their time, or for a confirm. */
const WAITING = ["pending", "due"];

async function planForRun(tx: Tx, runId: string) {
  const run = await tx.run.findUniqueOrThrow({
    where: { id: runId },
    include: { templateVersion: { select: { templateId: true } } },
  });
  const mode = await readTimedAnnouncementMode(tx, run.templateVersion.templateId);
  const items = await tx.runItem.findMany({
    where: { runId, kind: "notify" },
    select: {
      id: true,
      state: true,
      spec: true,
      section: { select: { offsetMinutes: true } },
      children: { select: { state: true } },
    },
  });
  // Delivery ticks the channel items, not the announcement: with none left open it is done.
  const stateOf = (i: (typeof items)[number]) =>
    i.state === "open" && i.children.length && i.children.every((c) => c.state !== "open") ? "done" : i.state;
  const plan = planTimedAnnouncements({
    runOpen: run.status === "open",
    windowStart: run.windowStart,
    timeZone: run.windowTimeZone,
    mode,
    announcements: items
      .filter((i) => (i.spec as ItemSpec).message)
      .map((i) => ({ itemId: i.id, state: stateOf(i), offsetMinutes: i.section.offsetMinutes })),
  });
  const gone = !run.windowStart
    ? "the run has no window"
    : mode === "off"
      ? "the template's timed announcements are off"
      : "it is no longer timed";
  return { plan, gone };
}

function update(tx: Tx, row: RunTimedAnnouncement, data: Partial<RunTimedAnnouncement>, now: Date) {
  return tx.runTimedAnnouncement.update({ where: { id: row.id }, data: { ...data, updatedAt: now } });
}

/** A row whose plan still wants it: moved with the window, or wanted again after an item was reopened. */
async function follow(tx: Tx, row: RunTimedAnnouncement, p: PlannedTimedAnnouncement, now: Date) {
  const moved = p.fireAt.getTime() !== row.fireAt.getTime();
  const retimable = WAITING.includes(row.status) || (row.status === "cancelled" && row.reason === PASSED);
  if (moved && retimable)
    return update(
      tx,
      row,
      {
        fireAt: p.fireAt,
        mode: p.mode,
        askedAt: null,
        attempts: 0,
        lastError: null,
        ...(p.fireAt > now ? { status: "pending", reason: null } : { status: "cancelled", reason: PASSED }),
      },
      now,
    );
  if (row.status === "cancelled" && row.reason !== PASSED)
    return p.fireAt > now && update(tx, row, { status: "pending", mode: p.mode, reason: null }, now);
  if (row.status === "pending" && row.mode !== p.mode) return update(tx, row, { mode: p.mode }, now);
}

/**
 * Brings the run's timed announcement rows in line with its plan, inside the caller's
 * transaction (which holds the run's lock): cancelled when the item is done or skipped, the
 * run closed or the template turned them off; moved when the window moved (and asked again
 * at the new time); created for what is still ahead. Returns the rows waiting for their time.
 */
export async function syncRunTimedAnnouncements(tx: Tx, runId: string, now: Date) {
  const { plan, gone } = await planForRun(tx, runId);
  const rows = await tx.runTimedAnnouncement.findMany({ where: { runId } });
  const planned = new Map(plan.map((p) => [p.itemId, p]));
  for (const row of rows) {
    const p = planned.get(row.itemId);
    if (!p || p.notWanted) {
      if (WAITING.includes(row.status))
        await update(tx, row, { status: "cancelled", reason: p?.notWanted ?? gone }, now);
      continue;
    }
    await follow(tx, row, p, now);
  }
  const known = new Set(rows.map((r) => r.itemId));
  const fresh = plan.filter((p) => !p.notWanted && !known.has(p.itemId));
  if (fresh.length)
    await tx.runTimedAnnouncement.createMany({
      data: fresh.map((p) => ({
        runId,
        itemId: p.itemId,
        mode: p.mode,
        fireAt: p.fireAt,
        // A window set late does not send announcements for times that have gone.
        ...(p.fireAt > now ? {} : { status: "cancelled", reason: PASSED }),
        createdAt: now,
        updatedAt: now,
      })),
    });
  return tx.runTimedAnnouncement.findMany({
    where: { runId, status: "pending" },
    orderBy: { fireAt: "asc" },
  });
}
