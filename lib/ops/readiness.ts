import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { isDraining, jobsRunning } from "@/lib/ops/lifecycle";
import { checkAwsConfig } from "@/lib/aws/config";

export type Check = { ok: boolean; detail: string };
export type Readiness = {
  ready: boolean;
  checks: Record<string, Check>;
  /** Optional integrations: reported, never a reason to take the instance out of rotation. */
  integrations: Record<string, Check>;
};

/**
 * Whether this instance should receive traffic: the database answers, every migration the
 * build ships is applied, the job worker runs, and the process is not shutting down.
 * Uses its own short-lived connection so a saturated pool does not read as "down".
 */
export async function checkReadiness(): Promise<Readiness> {
  const checks: Record<string, Check> = {
    process: isDraining() ? { ok: false, detail: "shutting down" } : { ok: true, detail: "serving" },
    jobs: jobsRunning()
      ? { ok: true, detail: "worker running" }
      : { ok: false, detail: "worker not started" },
  };
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    connectionTimeoutMillis: 2_000,
    statement_timeout: 2_000,
    application_name: "runsheet-ready",
  });
  try {
    await client.connect();
    checks.database = { ok: true, detail: "reachable" };
    checks.migrations = await migrationsCurrent(client);
  } catch (err) {
    checks.database = { ok: false, detail: `unreachable (${(err as { code?: string }).code ?? "error"})` };
    checks.migrations = { ok: false, detail: "unknown: database unreachable" };
  } finally {
    await client.end().catch(() => {});
  }
  return { ready: Object.values(checks).every((c) => c.ok), checks, integrations: { aws: await awsCheck() } };
}

/** AWS: the Region and the credential chain, when a deployment uses the AWS steps at all. */
async function awsCheck(): Promise<Check> {
  if (!Object.keys(process.env).some((k) => k.startsWith("AWS_")))
    return { ok: true, detail: "not configured (the AWS steps can be planned and dry-run only)" };
  const aws = await checkAwsConfig(process.env, 1_500);
  return aws.ok
    ? { ok: true, detail: `region ${aws.region}, credentials found` }
    : { ok: false, detail: aws.problems.join(" ") };
}

async function migrationsCurrent(client: pg.Client): Promise<Check> {
  const shipped = (await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "_runsheet_migrations"`);
  const applied = new Set(rows.map((r) => r.name));
  const pending = shipped.filter((n) => !applied.has(n));
  return pending.length
    ? { ok: false, detail: `${pending.length} pending: ${pending.join(", ")} (run the migrate step)` }
    : { ok: true, detail: `${shipped.length} applied` };
}
