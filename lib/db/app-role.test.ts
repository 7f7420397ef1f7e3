import { randomUUID } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAppLogin, urlAs } from "@/lib/db/app-role";
import { JOB_SCHEMA } from "@/lib/db/job-schema";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createScratchDatabase } from "@/test/fixtures";

/**
 * The app's database user as every mode sets it up (npm start's embedded database, the
 * e2e server, docs/DEPLOY.md): prepared by the owner, then connected as a login role that
 * is a member of runsheet_app.
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let app: pg.Client;
let appUrl: string;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  await prepareDatabase(scratch.url);
  const login = `runsheet_web_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  const owner = new pg.Client({ connectionString: scratch.url });
  await owner.connect();
  await ensureAppLogin(owner, login, "app-role-test-password");
  await owner.end();
  appUrl = urlAs(scratch.url, login, "app-role-test-password");
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
  await scratch?.drop();
});

async function refusal(sql: string): Promise<string> {
  try {
    await app.query("BEGIN");
    await app.query(sql);
    return "allowed";
  } catch (err) {
    return (err as Error).message;
  } finally {
    await app.query("ROLLBACK");
  }
}

describe("the app's database user", () => {
  it("is neither a superuser nor the owner of audit_events", async () => {
    const { rows } = await app.query<{ rolsuper: boolean; owns: boolean; member_of_owner: boolean }>(`
      SELECT r.rolsuper,
             t.tableowner = current_user AS owns,
             pg_has_role(current_user, t.tableowner, 'USAGE') AS member_of_owner
        FROM pg_roles r, pg_tables t
       WHERE r.rolname = current_user AND t.tablename = 'audit_events'`);
    expect(rows[0]).toEqual({ rolsuper: false, owns: false, member_of_owner: false });
  });

  it("may read and append audit events but holds no UPDATE, DELETE or TRUNCATE on them", async () => {
    const { rows } = await app.query(`
      SELECT has_table_privilege('audit_events', 'SELECT') AS "select",
             has_table_privilege('audit_events', 'INSERT') AS "insert",
             has_table_privilege('audit_events', 'UPDATE') AS "update",
             has_table_privilege('audit_events', 'DELETE') AS "delete",
             has_table_privilege('audit_events', 'TRUNCATE') AS "truncate"`);
    expect(rows[0]).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false });
    expect(await refusal(`UPDATE audit_events SET payload = '{}'`)).toMatch(/permission denied/);
    expect(await refusal(`DELETE FROM audit_events`)).toMatch(/permission denied/);
    expect(await refusal(`TRUNCATE audit_events`)).toMatch(/permission denied/);
    // Disabling the append-only trigger needs ownership.
    expect(await refusal(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
  });

  it("cannot change the schema or the migration bookkeeping", async () => {
    expect(await refusal(`CREATE TABLE public.sneaky (id int)`)).toMatch(/permission denied/);
    expect(await refusal(`DELETE FROM "_runsheet_migrations"`)).toMatch(/permission denied/);
    expect(await refusal(`SELECT count(*) FROM "_runsheet_migrations"`)).toBe("allowed");
  });

  it("runs the job queue without DDL rights: creates a queue, sends and fetches a job", async () => {
    const boss = new PgBoss({ connectionString: appUrl, schema: JOB_SCHEMA, migrate: false, max: 2 });
    boss.on("error", () => {});
    await boss.start();
    try {
      await boss.createQueue("app-role-test");
      const id = await boss.send("app-role-test", { hello: "world" });
      const [job] = await boss.fetch<{ hello: string }>("app-role-test");
      expect(job?.id).toBe(id);
      expect(job?.data).toEqual({ hello: "world" });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
