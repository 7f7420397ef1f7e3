import "server-only";
import type { RunTimedAnnouncement } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { enqueue, jobQueueStarted, registerHandler, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { fireDueTimedAnnouncements } from "@/lib/announcements/fire-timed-announcements";
import { syncRunTimedAnnouncements } from "@/lib/announcements/sync-timed-announcements";

/** Wakes the worker at a timed announcement's time (startAfter = its time). */
export const TIMED_ANNOUNCEMENTS_FIRE = "announcements.fire";
/** Every minute: plans every open run with a window, and fires whatever is due. */
export const TIMED_ANNOUNCEMENTS_SWEEP = "announcements.sweep";

type FireJob = { runId: string };

/** One wake-up per row and time; a wake-up for a time that has since moved finds nothing due. */
export async function wakeTimedAnnouncementsAt(rows: RunTimedAnnouncement[]): Promise<void> {
  if (!jobQueueStarted()) return;
  for (const r of rows) {
    try {
      await enqueue<FireJob>(
        TIMED_ANNOUNCEMENTS_FIRE,
        { runId: r.runId },
        { startAfter: r.fireAt, singletonKey: `${r.id}@${r.fireAt.toISOString()}`, retryLimit: 3 },
      );
    } catch (err) {
      logger.warn({ err, timedAnnouncementId: r.id }, "timed announcement wake-up not queued");
    }
  }
}

/** Plans the timed announcements of open runs with a window, and of runs that still have waiting rows. */
export async function syncOpenRunsTimedAnnouncements(now = new Date()): Promise<number> {
  const runs = await db().run.findMany({
    where: {
      OR: [
        { status: "open", windowStart: { not: null } },
        { timedAnnouncements: { some: { status: { in: ["pending", "due"] } } } },
      ],
    },
    select: { id: true },
  });
  for (const { id } of runs)
    await db().$transaction(async (tx) => {
      await lockStream(tx, streamFor(id));
      await syncRunTimedAnnouncements(tx, id, now);
    });
  return runs.length;
}

export async function startTimedAnnouncementWorkers(opts: { sweeps?: boolean } = {}): Promise<void> {
  await registerHandler<FireJob>(TIMED_ANNOUNCEMENTS_FIRE, async (job) =>
    fireDueTimedAnnouncements({ runId: job.data.runId }),
  );
  if (!opts.sweeps) return;
  await registerHandler(TIMED_ANNOUNCEMENTS_SWEEP, async () => {
    await syncOpenRunsTimedAnnouncements();
    return fireDueTimedAnnouncements();
  });
  await scheduleJob(TIMED_ANNOUNCEMENTS_SWEEP, "* * * * *");
}
