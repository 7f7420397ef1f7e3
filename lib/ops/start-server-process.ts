import "server-only";
import { EnvError, serverEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { installShutdownHandler, markJobsRunning } from "@/lib/ops/lifecycle";
import { endAllStreams } from "@/lib/live/run-event-stream";
import { stopJobQueue } from "@/lib/jobs/queue";
import { startWorkers } from "@/lib/jobs/worker";
import { resumeAutomations } from "@/lib/aws/executor";
import { startWebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { startCheckpointing } from "@/lib/audit/checkpoints";

/**
 * What a Node server process does once at start (instrumentation.ts): refuse to run
 * without the settings it needs, drain on SIGTERM, start the job worker, and resume the
 * AWS steps a stopped process left running.
 */
export function startServerProcess() {
  try {
    serverEnv();
  } catch (err) {
    // A server that cannot sign sessions must not start half-working.
    for (const line of err instanceof EnvError ? err.lines() : [String(err)]) logger.fatal(line);
    process.exit(2);
  }
  const dispatcher = startWebhookDispatcher();
  installShutdownHandler({
    endStreams: endAllStreams,
    stopJobs: async () => {
      dispatcher.stop();
      await stopJobQueue();
    },
  });
  // In the background: a slow queue start must not hold up serving pages; /api/ready waits
  // for it, and a failed start is tried again rather than leaving the instance unready.
  void (async () => {
    for (let delay = 1_000; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        await startWorkers({ sweeps: true });
        markJobsRunning(true);
        return;
      } catch (err) {
        logger.error({ err, retryInMs: delay }, "background jobs did not start");
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  })();
  // Their monitoring continues from the database row.
  resumeAutomations().catch((err: unknown) => logger.error({ err }, "automation steps did not resume"));
  // Each audit stream's head, signed with a key the database never sees, at least once a minute.
  startCheckpointing();
}
