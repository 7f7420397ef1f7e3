/**
 * Next calls register() once per server process. Background jobs (announcement delivery)
 * run inside the app's own process, so `next start` needs no second service.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; there is no database to work against then.
  if (process.env.NEXT_PHASE === "phase-production-build" || !process.env.DATABASE_URL) return;
  const { startWorkers } = await import("@/lib/jobs/worker");
  // In the background: a slow queue start must not hold up serving pages.
  startWorkers().catch((err: unknown) => console.error("background jobs did not start", err));
  // AWS steps a stopped process left running: their monitoring continues from the database row.
  const { resumeAutomations } = await import("@/lib/aws/executor");
  resumeAutomations().catch((err: unknown) => console.error("automation steps did not resume", err));
  // Each audit stream's head, signed with a key the database never sees, at least once a minute.
  const { startCheckpointing } = await import("@/lib/audit/checkpoints");
  startCheckpointing();
}
