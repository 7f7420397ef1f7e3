import { rm } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { poolConfig } from "@/lib/db/pool-config";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { actionError } from "@/lib/actions/run-action";
import { tickItem } from "@/lib/runs/tick-item";
import { makePlainRun, makeUser } from "@/test/fixtures";

const CONNECT_TIMEOUT_MS = 1_000;
const dataDir = path.join(process.cwd(), ".data", `fault-pg-${process.pid}`);
const port = 55000 + (process.pid % 400);
const globalForDb = globalThis as unknown as { runsheetDb?: PrismaClient };

/**
 * PostgreSQL restarts under the app: the domain functions run against a cluster of this
 * test's own, through the app's own Prisma client and pool settings, so the pool's
 * recovery is what is tested.
 */
describe("a PostgreSQL restart while ticks are in flight", () => {
  let server: EmbeddedDb;
  let client: PrismaClient;
  let previous: PrismaClient | undefined;

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ dataDir, port, database: "runsheet_fault", fresh: true });
    await prepareDatabase(server.url);
    client = new PrismaClient({
      adapter: new PrismaPg(
        poolConfig({ ...env(), DATABASE_URL: server.url, DB_CONNECT_TIMEOUT_MS: CONNECT_TIMEOUT_MS }),
      ),
    });
    previous = globalForDb.runsheetDb;
    globalForDb.runsheetDb = client;
  }, 120_000);

  afterAll(async () => {
    globalForDb.runsheetDb = previous;
    await client?.$disconnect().catch(() => {});
    await server?.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("keeps every acknowledged tick with its audit event, fails fast while down, and recovers", async () => {
    const actor = await makeUser("operator");
    const runs = [];
    // One-phase runs: every item is open at once, so ticks never wait for an earlier phase.
    for (let n = 0; n < 20; n++) runs.push(await makePlainRun(actor));
    const items = await client.runItem.findMany({
      where: { runId: { in: runs.map((r) => r.id) }, kind: { in: ["task", "stopwatch"] }, state: "open" },
      orderBy: { position: "asc" },
    });
    expect(items.length).toBeGreaterThan(100);

    type Outcome = { itemId: string; ok: boolean; ms: number; message?: string; during: boolean };
    const outcomes: Outcome[] = [];
    let down = false;
    let upAgainAt = Infinity;
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item && Date.now() < upAgainAt + 1_000; item = queue.shift()) {
        const started = Date.now();
        const during = down;
        try {
          await tickItem({ actor, runId: item.runId, itemId: item.id, version: item.version, done: true });
          outcomes.push({ itemId: item.id, ok: true, ms: Date.now() - started, during });
        } catch (err) {
          const shown = actionError(err);
          outcomes.push({
            itemId: item.id,
            ok: false,
            ms: Date.now() - started,
            message: shown.ok ? undefined : shown.error,
            during: during || down,
          });
        }
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    const workers = Promise.all(Array.from({ length: 4 }, worker));

    // Stop the server once ticks are being acknowledged: a bounded wait, not a guess at how
    // fast a busy machine gets there.
    for (const deadline = Date.now() + 30_000; !outcomes.some((o) => o.ok) && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    down = true;
    await server.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    server = await startEmbeddedPostgres({ dataDir, port, database: "runsheet_fault" });
    down = false;
    upAgainAt = Date.now();
    await workers;

    const acknowledged = outcomes.filter((o) => o.ok);
    const failed = outcomes.filter((o) => !o.ok);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);

    // Every tick the caller was told succeeded survived the restart, with its audit event.
    const stored = await client.runItem.findMany({
      where: { id: { in: acknowledged.map((o) => o.itemId) } },
    });
    expect(stored.every((i) => i.state === "done")).toBe(true);
    const events = await client.auditEvent.findMany({
      where: { itemId: { in: acknowledged.map((o) => o.itemId) }, action: "item.ticked" },
    });
    expect(new Set(events.map((e) => e.itemId)).size).toBe(acknowledged.length);
    // And nothing the caller was told failed left a tick without its event, or the reverse.
    const failedIds = failed.map((o) => o.itemId);
    const failedDone = await client.runItem.count({ where: { id: { in: failedIds }, state: "done" } });
    const failedEvents = await client.auditEvent.count({
      where: { itemId: { in: failedIds }, action: "item.ticked" },
    });
    expect(failedEvents).toBe(failedDone);

    // Requests during the outage failed fast, with a message a person can act on.
    for (const o of failed) {
      expect(o.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 3_000);
      expect(o.message).toMatch(/database/i);
    }

    // The same client works again without a restart of the app.
    const after = await client.runItem.findFirstOrThrow({
      where: { runId: runs[0]!.id, state: "open", kind: "task" },
    });
    await expect(
      tickItem({ actor, runId: after.runId, itemId: after.id, version: after.version, done: true }),
    ).resolves.toMatchObject({ state: "done" });
  }, 120_000);
});
