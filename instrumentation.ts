/**
 * Next calls register() once per server process. Background jobs (announcement delivery)
 * run inside the app's own process, so the server needs no second service.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; there is no database to work against then.
  if (process.env.NEXT_PHASE === "phase-production-build" || !process.env.DATABASE_URL) return;
  const { logger } = await import("@/lib/log/logger");
  const { serverEnv, EnvError } = await import("@/lib/env");
  try {
    serverEnv();
  } catch (err) {
    // A server that cannot sign sessions must not start half-working.
    for (const line of err instanceof EnvError ? err.lines() : [String(err)]) logger.fatal(line);
    process.exit(2);
  }
  const { installShutdownHandler, markJobsRunning } = await import("@/lib/ops/lifecycle");
  const { endAllStreams } = await import("@/lib/live/run-event-stream");
  const { stopJobQueue } = await import("@/lib/jobs/queue");
  installShutdownHandler({ endStreams: endAllStreams, stopJobs: stopJobQueue });
  const { startWorkers } = await import("@/lib/jobs/worker");
  // In the background: a slow queue start must not hold up serving pages; /api/ready waits
  // for it, and a failed start is tried again rather than leaving the instance unready.
  void (async () => {
    for (let delay = 1_000; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        await startWorkers();
        markJobsRunning(true);
        return;
      } catch (err) {
        logger.error({ err, retryInMs: delay }, "background jobs did not start");
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  })();
  // AWS steps a stopped process left running: their monitoring continues from the database row.
  const { resumeAutomations } = await import("@/lib/aws/executor");
  resumeAutomations().catch((err: unknown) => logger.error({ err }, "automation steps did not resume"));
}
