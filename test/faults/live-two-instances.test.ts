import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LiveHub, type LiveMessage } from "@/lib/live/live-hub";
import { tickItem } from "@/lib/runs/tick-item";
import { makeSeedRun, makeUser } from "@/test/fixtures";

/** Two app instances are two hubs with their own LISTEN connections to one database. */
describe("live updates across instances", () => {
  let a: LiveHub;
  let b: LiveHub;
  beforeAll(async () => {
    const connectionString = process.env.DATABASE_URL!;
    a = new LiveHub({ connectionString, presenceBeatMs: 500 });
    b = new LiveHub({ connectionString, presenceBeatMs: 500 });
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  function next(hub: LiveHub, runId: string, want: (m: LiveMessage) => boolean, ms = 3_000) {
    return new Promise<LiveMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching live message within ${ms} ms`));
      }, ms);
      const off = hub.subscribe(runId, (m) => {
        if (!want(m)) return;
        clearTimeout(timer);
        off();
        resolve(m);
      });
    });
  }

  it("delivers a committed tick to the other instance, and a rolled-back one to nobody", async () => {
    const actor = await makeUser("operator");
    const run = await makeSeedRun(actor);
    const [first, second] = await db().runItem.findMany({
      where: { runId: run.id, kind: "task", state: "open" },
      orderBy: { position: "asc" },
      take: 2,
    });
    const heard = next(b, run.id, (m) => m.type === "change" && m.change.itemId === first!.id);
    await tickItem({ actor, runId: run.id, itemId: first!.id, version: first!.version, done: true });
    const m = await heard;
    expect(m).toMatchObject({ type: "change", change: { runId: run.id, action: "item.ticked" } });

    // A stale version is refused inside the transaction: nothing is committed, nothing is announced.
    const got: LiveMessage[] = [];
    const off = b.subscribe(run.id, (msg) => got.push(msg));
    await expect(
      tickItem({ actor, runId: run.id, itemId: second!.id, version: second!.version + 5, done: true }),
    ).rejects.toThrow(/changed this item first/);
    await new Promise((r) => setTimeout(r, 300));
    off();
    expect(got.filter((g) => g.type === "change")).toEqual([]);
  });

  it("shows who has the run open on every instance, and forgets them when they leave", async () => {
    const runId = crypto.randomUUID();
    const seen = next(b, runId, (m) => m.type === "presence" && m.viewers.some((v) => v.id === "u-1"));
    const leave = a.join({ runId, userId: "u-1", name: "Olivia Operator" });
    await seen;
    expect(b.viewers(runId)).toEqual([{ id: "u-1", name: "Olivia Operator" }]);
    const gone = next(b, runId, (m) => m.type === "presence" && m.viewers.length === 0);
    leave();
    await gone;
  });

  it("listens again after its connection is killed, and tells its pages to reload", async () => {
    const actor = await makeUser("operator");
    const run = await makeSeedRun(actor);
    const resync = next(b, run.id, (m) => m.type === "resync", 10_000);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'runsheet-live' AND pid <> pg_backend_pid()",
      );
      expect(rowCount).toBeGreaterThanOrEqual(2);
    } finally {
      await admin.end();
    }
    await resync;
    const item = await db().runItem.findFirstOrThrow({
      where: { runId: run.id, kind: "task", state: "open" },
      orderBy: { position: "asc" },
    });
    const heard = next(b, run.id, (m) => m.type === "change" && m.change.itemId === item.id, 10_000);
    await tickItem({ actor, runId: run.id, itemId: item.id, version: item.version, done: true });
    await heard;
  });
});
