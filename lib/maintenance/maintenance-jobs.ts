import "server-only";
import { enqueue, jobQueueStarted, registerHandler, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { syncMaintenances, syncRunMaintenance } from "@/lib/maintenance/sync-maintenance";

/** Syncs one run's maintenance now (after its window changed); retried with backoff. */
export const MAINTENANCE_SYNC = "maintenance.sync";
/** Every minute: commencement, results and back-offs reach Statuspage within a minute. */
export const MAINTENANCE_SWEEP = "maintenance.sweep";

type SyncJob = { runId: string };

export async function queueMaintenanceSync(runId: string): Promise<void> {
  if (!jobQueueStarted()) return;
  try {
    await enqueue<SyncJob>(MAINTENANCE_SYNC, { runId }, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
  } catch (err) {
    logger.warn({ err, runId }, "maintenance sync not queued; the sweep does it within a minute");
  }
}

export async function startMaintenanceWorkers(opts: { sweeps?: boolean } = {}): Promise<void> {
  await registerHandler<SyncJob>(MAINTENANCE_SYNC, async (job) => {
    const result = await syncRunMaintenance(job.data.runId);
    // A failure worth retrying fails the job, so pg-boss tries again with backoff.
    if (result.state === "failed" && result.retryable) throw new Error(result.error);
    return result;
  });
  if (!opts.sweeps) return;
  await registerHandler(MAINTENANCE_SWEEP, async () => {
    await syncMaintenances();
  });
  await scheduleJob(MAINTENANCE_SWEEP, "* * * * *");
}
