import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { firstBreak } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/permissions";
import { assignItem } from "@/lib/runs/assign-item";
import { setItemNote } from "@/lib/runs/set-item-note";
import { tickItem } from "@/lib/runs/tick-item";
import { makePlainRun, makeUser } from "@/test/fixtures";

type StoredEvent = Awaited<ReturnType<ReturnType<typeof db>["auditEvent"]["findFirstOrThrow"]>>;

function streamEvents(stream: string) {
  return db().auditEvent.findMany({ where: { stream }, orderBy: { seq: "asc" } });
}

let operator: Actor;
let runId: string;
let events: StoredEvent[];

beforeAll(async () => {
  operator = await makeUser("operator");
  const other = await makeUser("operator");
  const run = await makePlainRun(operator);
  runId = run.id;
  // Plain tasks: other kinds are ticked by the flow (decision, record, link).
  const items = await db().runItem.findMany({ where: { runId, kind: "task" }, orderBy: { position: "asc" } });
  const [a, b] = [items[0]!, items[1]!];
  await tickItem({ actor: operator, runId, itemId: a.id, version: 0, done: true });
  await assignItem({ actor: operator, runId, itemId: b.id, version: 0, assigneeId: other.id });
  await setItemNote({ actor: other, runId, itemId: b.id, version: 1, note: 'quotes " and unicode – ✓' });
  await tickItem({ actor: other, runId, itemId: b.id, version: 2, done: true });
  await tickItem({ actor: operator, runId, itemId: a.id, version: 1, done: false });
  events = await streamEvents(`run:${runId}`);
});

describe("a run's audit chain", () => {
  it("holds every event of the run, in order, in the run's stream", async () => {
    expect(events.map((e) => e.action)).toEqual([
      "run.created",
      "item.ticked",
      "item.assigned",
      "item.noted",
      "item.ticked",
      "item.unticked",
    ]);
    expect(events.every((e) => e.runId === runId)).toBe(true);
    expect(await db().auditEvent.count({ where: { runId } })).toBe(events.length);
  });

  it("numbers events 1..n, links each to the previous hash and hashes each stored row", () => {
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0]!.prevHash).toBeNull();
    for (let n = 1; n < events.length; n++) expect(events[n]!.prevHash).toBe(events[n - 1]!.hash);
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
    expect(firstBreak(events)).toBeNull();
  });

  it("has creation times that never go backwards", () => {
    for (let n = 1; n < events.length; n++) {
      expect(events[n]!.createdAt.getTime()).toBeGreaterThanOrEqual(events[n - 1]!.createdAt.getTime());
    }
  });

  it("exposes any edit to a stored event", () => {
    const edited = (n: number, change: Partial<StoredEvent>) =>
      events.map((e, i) => (i === n ? { ...e, ...change } : e));
    const third = events[2]!;
    const contentBreak = { id: String(third.id), seq: 3, reason: "hash does not match the event's content" };
    expect(firstBreak(edited(2, { payload: { ...(third.payload as object), to: operator.id } }))).toEqual(
      contentBreak,
    );
    expect(firstBreak(edited(2, { createdAt: new Date(third.createdAt.getTime() + 1) }))).toEqual(
      contentBreak,
    );
    expect(firstBreak(edited(2, { actorId: null }))).toEqual(contentBreak);
    // Dropping an event breaks the numbering of the one after it.
    const fourth = events[3]!;
    expect(firstBreak(events.filter((_, i) => i !== 2))).toMatchObject({ id: String(fourth.id), seq: 4 });
  });
});

describe("the system stream", () => {
  it("chains users and template imports the same way", async () => {
    const system = await streamEvents("system");
    expect(system.length).toBeGreaterThan(0);
    expect(
      system.some(
        (e) => e.action === "user.created" && (e.payload as { userId?: string }).userId === operator.id,
      ),
    ).toBe(true);
    expect(system.every((e) => e.runId === null)).toBe(true);
    expect(firstBreak(system)).toBeNull();
  });
});

describe("the database", () => {
  it("refuses UPDATE of an audit event", async () => {
    const target = events[1]!;
    await expect(
      db().$executeRawUnsafe(`UPDATE "audit_events" SET "action" = 'item.forged' WHERE "id" = $1`, target.id),
    ).rejects.toThrow(/append-only/);
    await expect(
      db().auditEvent.update({ where: { id: target.id }, data: { payload: { forged: true } } }),
    ).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: target.id } })).toEqual(target);
  });

  it("refuses DELETE and TRUNCATE of audit events", async () => {
    await expect(
      db().$executeRawUnsafe(`DELETE FROM "audit_events" WHERE "run_id" = $1::uuid`, runId),
    ).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "audit_events"`)).rejects.toThrow(/append-only/);
    expect(await streamEvents(`run:${runId}`)).toEqual(events);
  });
});
