/**
 * The server the end-to-end tests talk to: a fresh embedded PostgreSQL in .data/e2e-pg,
 * prepared by its owner, the demo seed, a mail capture server and the integration fakes,
 * then the standalone server (what npm start and the Docker image run) on the e2e port,
 * connected as the app's least-privileged login, so the whole suite proves the app works
 * without rights over the audit log.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureAppLogin, urlAs } from "@/lib/db/app-role";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { startStandaloneServer } from "@/scripts/server/standalone-server";
import { startMailCapture } from "./mail-capture";
import { E2E_APP_PORT, E2E_AUTH_SECRET, E2E_AWS_PORT, E2E_OIDC_PORT, E2E_PG_PORT } from "./ports";

const pgServer = await startEmbeddedPostgres({
  dataDir: path.join(process.cwd(), ".data", `e2e-pg-${E2E_PG_PORT}`),
  port: E2E_PG_PORT,
  database: "runsheet_e2e",
  fresh: true,
  log: console.log,
});
await prepareDatabase(pgServer.url);
const owner = new pg.Client({ connectionString: pgServer.url });
await owner.connect();
await ensureAppLogin(owner, "runsheet_e2e_app", "e2e-app-password");
await owner.end();
process.env.DATABASE_URL = urlAs(pgServer.url, "runsheet_e2e_app", "e2e-app-password");
process.env.NEXTAUTH_URL = `http://localhost:${E2E_APP_PORT}`;
process.env.NEXTAUTH_SECRET = E2E_AUTH_SECRET;
// Signed audit heads of this fresh database only, not mixed with an earlier run's.
process.env.AUDIT_CHECKPOINT_DIR = mkdtempSync(path.join(tmpdir(), "runsheet-e2e-heads-"));
const { seed } = await import("@/prisma/seed");
await seed();
const mail = await startMailCapture();
process.env.SMTP_URL = mail.smtpUrl;
process.env.MAIL_FROM = "Runsheet e2e <runsheet@e2e.example>";
const { startIntegrationFakes } = await import("./integration-fakes");
const integrations = await startIntegrationFakes();
const { startFakeAws, fakeAwsEnv } = await import("@/test/fakes/aws");
const aws = await startFakeAws({ port: E2E_AWS_PORT });
Object.assign(process.env, fakeAwsEnv(aws), { AWS_POLL_INTERVAL_MS: "300" });
// Single sign-on through a local provider, up before the app starts and until it stops.
const { startOidcProviderFake } = await import("@/test/fakes/oidc-provider");
const oidc = await startOidcProviderFake({
  port: E2E_OIDC_PORT,
  redirectUris: [`http://localhost:${E2E_APP_PORT}/api/auth/callback/oidc`],
});
Object.assign(process.env, {
  OIDC_ISSUER: oidc.issuer,
  OIDC_CLIENT_ID: oidc.clientId,
  OIDC_CLIENT_SECRET: oidc.clientSecret,
  OIDC_NAME: "Test SSO",
});

// Listens on every local address: Playwright reaches it as localhost, which may be ::1.
const app = startStandaloneServer({ port: E2E_APP_PORT, host: "0.0.0.0", env: process.env });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.stop();
  await mail.close().catch(() => {});
  await integrations.close().catch(() => {});
  await aws.close().catch(() => {});
  await oidc.close().catch(() => {});
  await pgServer.stop().catch(() => {});
  process.exit(0);
};
app.child.on("exit", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
