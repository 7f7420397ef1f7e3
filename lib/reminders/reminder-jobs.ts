import "server-only";
import type { RunReminder } from "@/lib/generated/prisma/client";
import { enqueue, jobQueueStarted, registerHandler, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { fireDueReminders } from "@/lib/reminders/fire-reminders";
import { syncOpenRuns } from "@/lib/reminders/sync-open-runs";

/** Wakes the worker when a run's reminder is due: sent with startAfter = the reminder's time. */
export const REMINDERS_FIRE = "reminders.fire";
/** Every minute: plans every open run with a window, and sends whatever is due. */
export const REMINDERS_SWEEP = "reminders.sweep";

type FireJob = { runId: string };

/**
 * One wake-up per pending reminder and time. A wake-up for a time that has since moved finds
 * nothing due and does nothing; the rows decide, so a stale or repeated job is harmless. A
 * process without a queue (a script) leaves its reminders to the app's sweep.
 */
export async function wakeRemindersAt(reminders: RunReminder[]): Promise<void> {
  if (!jobQueueStarted()) return;
  for (const r of reminders) {
    try {
      await enqueue<FireJob>(
        REMINDERS_FIRE,
        { runId: r.runId },
        { startAfter: r.fireAt, singletonKey: `${r.id}@${r.fireAt.toISOString()}`, retryLimit: 3 },
      );
    } catch (err) {
      // The sweep sends it within a minute anyway.
      logger.warn({ err, reminderId: r.id }, "reminder wake-up not queued");
    }
  }
}

export async function startReminderWorkers(opts: { sweeps?: boolean } = {}): Promise<void> {
  await registerHandler<FireJob>(REMINDERS_FIRE, async (job) => fireDueReminders({ runId: job.data.runId }));
  if (!opts.sweeps) return;
  await registerHandler(REMINDERS_SWEEP, async () => {
    await syncOpenRuns();
    return fireDueReminders();
  });
  await scheduleJob(REMINDERS_SWEEP, "* * * * *");
}
