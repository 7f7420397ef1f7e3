/**
 * Next calls register() once per server process. Background jobs (announcement delivery)
 * run inside the app's own process, so the server needs no second service.
 */
export async function register() {
  // `next build` loads this file too; there is no database to work against then.
  if (process.env.NEXT_PHASE === "phase-production-build" || !process.env.DATABASE_URL) return;
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerProcess } = await import("@/lib/ops/start-server-process");
    startServerProcess();
  }
}
