/**
 * The server the end-to-end tests talk to: a fresh embedded PostgreSQL in .data/e2e-pg,
 * the migrations, the demo seed, a mail capture server, then `next start` on the e2e port.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { startMailCapture } from "./mail-capture";
import { E2E_APP_PORT, E2E_AWS_PORT, E2E_PG_PORT } from "./ports";

const pg = await startEmbeddedPostgres({
  dataDir: path.join(process.cwd(), ".data", `e2e-pg-${E2E_PG_PORT}`),
  port: E2E_PG_PORT,
  database: "runsheet_e2e",
  fresh: true,
  log: console.log,
});
process.env.DATABASE_URL = pg.url;
process.env.NEXTAUTH_URL = `http://localhost:${E2E_APP_PORT}`;
process.env.NEXTAUTH_SECRET = "e2e-only-secret-0123456789abcdef0123456789";
// Signed audit heads of this fresh database only, not mixed with an earlier run's.
process.env.AUDIT_CHECKPOINT_DIR = mkdtempSync(path.join(tmpdir(), "runsheet-e2e-heads-"));
await migrate(pg.url);
const { seed } = await import("@/prisma/seed");
await seed();
const mail = await startMailCapture();
process.env.SMTP_URL = mail.smtpUrl;
const { startIntegrationFakes } = await import("./integration-fakes");
const integrations = await startIntegrationFakes();
const { startFakeAws, fakeAwsEnv } = await import("@/test/fakes/aws");
const aws = await startFakeAws({ port: E2E_AWS_PORT });
Object.assign(process.env, fakeAwsEnv(aws), { AWS_POLL_INTERVAL_MS: "300" });

const next = spawn(
  process.execPath,
  [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(E2E_APP_PORT)],
  {
    stdio: "inherit",
    env: process.env,
  },
);
const stop = async () => {
  next.kill("SIGTERM");
  await mail.close().catch(() => {});
  await integrations.close().catch(() => {});
  await aws.close().catch(() => {});
  await pg.stop().catch(() => {});
  process.exit(0);
};
next.on("exit", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
