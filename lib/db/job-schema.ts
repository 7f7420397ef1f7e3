import pg from "pg";
import PgBoss from "pg-boss";

/** pg-boss's tables live in their own schema, owned like ours by the migrating role. */
export const JOB_SCHEMA = "pgboss";

/**
 * Installs or upgrades pg-boss's schema as the owner, so the app can start the queue with
 * `migrate: false` and needs no DDL. pg-boss 10 creates a partition table per queue inside
 * `create_queue`; running that function as its owner (SECURITY DEFINER) lets the app's role
 * create queues without owning the job table.
 */
export async function installJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
    application_name: "runsheet-migrate",
  });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  const client = new pg.Client({ connectionString, application_name: "runsheet-migrate" });
  await client.connect();
  try {
    for (const fn of ["create_queue(text, json)", "delete_queue(text)"]) {
      await client.query(
        `ALTER FUNCTION ${JOB_SCHEMA}.${fn} SECURITY DEFINER SET search_path = ${JOB_SCHEMA}, pg_temp`,
      );
    }
  } finally {
    await client.end();
  }
}
