import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { listStreams, verifyChain } from "@/lib/audit/verify-chain";
import { tickItem } from "@/lib/runs/tick-item";
import { makePlainRun, makeUser } from "@/test/fixtures";

/** A connection of the test's own: the trigger is disabled and re-enabled inside one transaction. */
async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function tickTasks(id: string, n: number) {
  const tasks = await db().runItem.findMany({
    where: { runId: id, kind: "task" },
    orderBy: { position: "asc" },
    take: n,
  });
  for (const t of tasks)
    await tickItem({ actor: operator, runId: id, itemId: t.id, version: t.version, done: true });
}

let auditor: Actor;
let operator: Actor;
let runId: string;

beforeAll(async () => {
  [auditor, operator] = await Promise.all([makeUser("auditor"), makeUser("operator")]);
  const run = await makePlainRun(operator);
  runId = run.id;
  await tickTasks(runId, 4);
});

describe("verifyChain", () => {
  it("finds an untouched run's chain intact, counting every event", async () => {
    const count = await db().auditEvent.count({ where: { runId } });
    expect(count).toBeGreaterThan(3);
    expect(await verifyChain({ actor: auditor, target: { runId } })).toEqual({
      ok: true,
      stream: `run:${runId}`,
      count,
    });
    expect(await verifyChain({ actor: auditor, target: "system" })).toMatchObject({ ok: true });
    expect(await listStreams({ actor: auditor })).toContain(`run:${runId}`);
  });

  it("is refused to a subscriber", async () => {
    const subscriber = await makeUser("subscriber");
    await expect(verifyChain({ actor: subscriber, target: { runId } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("names exactly the event edited behind the app's back", async () => {
    const events = await db().auditEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    const target = events[2]!;
    await withClient(async (c) => {
      await c.query("BEGIN");
      await c.query('ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"');
      await c.query(`UPDATE "audit_events" SET "payload" = '{"forged": true}'::jsonb WHERE "id" = $1`, [
        target.id,
      ]);
      await c.query('ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only"');
      await c.query("COMMIT");
    });
    const verdict = await verifyChain({ actor: auditor, target: { runId } });
    expect(verdict).toEqual({
      ok: false,
      stream: `run:${runId}`,
      count: events.length,
      firstBad: {
        id: target.id.toString(),
        seq: target.seq,
        reason: "hash does not match the event's content",
      },
    });
    expect(target.seq).toBe(3);

    // The command-line check names the same event and fails.
    const cli = spawnSync(
      process.execPath,
      [
        path.join("node_modules", "tsx", "dist", "cli.mjs"),
        "--conditions=react-server",
        "scripts/audit-verify.ts",
      ],
      { encoding: "utf8", env: { ...process.env } },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`BROKEN  run:${runId}: first bad event id ${target.id}, seq 3:`);
    expect(cli.stdout).toMatch(/^ok {6}system \(\d+ events\)$/m);
  });

  it("names an event whose predecessor was removed", async () => {
    const other = await makePlainRun(operator);
    await tickTasks(other.id, 3);
    const events = await db().auditEvent.findMany({ where: { runId: other.id }, orderBy: { seq: "asc" } });
    await withClient(async (c) => {
      await c.query("BEGIN");
      await c.query('ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"');
      await c.query('DELETE FROM "audit_events" WHERE "id" = $1', [events[1]!.id]);
      await c.query('ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only"');
      await c.query("COMMIT");
    });
    const verdict = await verifyChain({ actor: auditor, target: { runId: other.id } });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.firstBad).toMatchObject({ id: events[2]!.id.toString(), seq: 3 });
  });

  it("as the app's role, the same UPDATE is refused even with the trigger disabled", async () => {
    const target = await db().auditEvent.findFirstOrThrow({ where: { runId }, orderBy: { seq: "desc" } });
    const error = await withClient(async (c) => {
      await c.query("BEGIN");
      try {
        await c.query('ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"');
        await c.query("SET LOCAL ROLE runsheet_app");
        await c.query(`UPDATE "audit_events" SET "action" = 'item.forged' WHERE "id" = $1`, [target.id]);
        return null;
      } catch (err) {
        return err as Error;
      } finally {
        await c.query("ROLLBACK");
      }
    });
    expect(error?.message).toMatch(/permission denied for table audit_events/);
    // The role can still do what the app needs: read and append.
    const privileges = await withClient((c) =>
      c.query<{ select: boolean; insert: boolean; update: boolean; delete: boolean }>(
        `SELECT has_table_privilege('runsheet_app', 'audit_events', 'SELECT') AS select,
                has_table_privilege('runsheet_app', 'audit_events', 'INSERT') AS insert,
                has_table_privilege('runsheet_app', 'audit_events', 'UPDATE') AS update,
                has_table_privilege('runsheet_app', 'audit_events', 'DELETE') AS delete`,
      ),
    );
    expect(privileges.rows[0]).toEqual({ select: true, insert: true, update: false, delete: false });
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: target.id } })).toEqual(target);
  });
});
