import "server-only";
import { logger } from "@/lib/log/logger";

/**
 * The server process's state as load balancers see it: starting (jobs not yet running),
 * serving, or draining after SIGTERM. Kept on globalThis so every module sees one.
 */
type Lifecycle = { jobsRunning: boolean; draining: boolean; handlersInstalled: boolean };
const state = globalThis as unknown as { runsheetLifecycle?: Lifecycle };
const lifecycle = (): Lifecycle =>
  (state.runsheetLifecycle ??= { jobsRunning: false, draining: false, handlersInstalled: false });

export const isDraining = () => lifecycle().draining;
export const jobsRunning = () => lifecycle().jobsRunning;
export const markJobsRunning = (running: boolean) => void (lifecycle().jobsRunning = running);

/**
 * On SIGTERM or SIGINT: report not-ready, end open event streams with a reconnect hint (an
 * open stream would otherwise keep the server from closing), and stop the job queue. Next's
 * own handler, which runs after this one, then stops accepting connections, lets requests
 * in flight finish and exits. AWS executions are left as they are: their rows say where
 * they stand and another instance, or this one restarted, resumes them.
 */
export function installShutdownHandler(steps: { endStreams: () => number; stopJobs: () => Promise<void> }) {
  const l = lifecycle();
  if (l.handlersInstalled) return;
  l.handlersInstalled = true;
  const drain = (signal: NodeJS.Signals) => {
    if (l.draining) return;
    l.draining = true;
    const streams = steps.endStreams();
    logger.info({ signal, streams }, "shutting down: draining");
    steps
      .stopJobs()
      .then(() => logger.info("job queue stopped"))
      .catch((err: unknown) => logger.error({ err }, "job queue did not stop cleanly"));
  };
  // prependListener: ours must run before Next's, which exits once requests are done.
  process.prependListener("SIGTERM", drain);
  process.prependListener("SIGINT", drain);
}
