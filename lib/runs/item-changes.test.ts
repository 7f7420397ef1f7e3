import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf, expectRejection } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors";
import { assignItem } from "@/lib/runs/assign-item";
import { getRunView } from "@/lib/runs/get-run-view";
import { setItemNote } from "@/lib/runs/set-item-note";
import { startItem } from "@/lib/runs/start-item";
import { tickItem } from "@/lib/runs/tick-item";
import type { RunItemView } from "@/lib/runs/run-view";
import { makePlainRun, makeUser } from "@/test/fixtures";

/** A fresh one-phase run and its plain task items in order (other kinds are ticked by the flow). */
async function freshRun(actor: Actor) {
  const run = await makePlainRun(actor);
  const items = await db().runItem.findMany({
    where: { runId: run.id, kind: { in: ["task", "stopwatch"] } },
    orderBy: { position: "asc" },
  });
  return { run, items };
}

function itemRow(id: string) {
  return db().runItem.findUniqueOrThrow({ where: { id } });
}

/** Calls `fn` and returns its result with the server-time window it ran in. */
async function timed<T>(fn: () => Promise<T>) {
  const before = Date.now();
  const result = await fn();
  const after = Date.now();
  return { result, before, after };
}

let operator: Actor;
let other: Actor;
let auditor: Actor;

beforeAll(async () => {
  [operator, other, auditor] = await Promise.all([
    makeUser("operator"),
    makeUser("operator"),
    makeUser("auditor"),
  ]);
});

describe("ticking", () => {
  it("records who and when, timing the first tick from the run's creation", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[0]!;
    const { result, before, after } = await timed(() =>
      tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: true }),
    );
    const stored = await itemRow(item.id);
    expect(stored.state).toBe("done");
    expect(stored.doneById).toBe(operator.id);
    expect(stored.doneAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored.doneAt!.getTime()).toBeLessThanOrEqual(after);
    expect(stored.elapsedMs).toBe(stored.doneAt!.getTime() - run.createdAt.getTime());
    expect(stored.version).toBe(1);
    expect(stored.updatedAt.getTime()).toBe(stored.doneAt!.getTime());

    expect(result).toMatchObject({
      id: item.id,
      state: "done",
      doneBy: { id: operator.id, name: operator.name, handle: operator.handle },
      doneAt: stored.doneAt!.toISOString(),
      elapsedMs: stored.elapsedMs,
      version: 1,
    });

    const events = await eventsOf(run.id);
    expect(events.map((e) => e.action)).toEqual(["run.created", "item.ticked"]);
    expect(events[1]).toMatchObject({ actorId: operator.id, itemId: item.id, seq: 2 });
    expect(events[1]!.createdAt.getTime()).toBe(stored.doneAt!.getTime());
    expect(events[1]!.payload).toEqual({
      path: item.path,
      version: 1,
      elapsedMs: stored.elapsedMs,
      elapsedFrom: run.createdAt.toISOString(),
    });
  });

  it("times a later tick from the run's previous tick", async () => {
    const { run, items } = await freshRun(operator);
    const [a, b] = [items[0]!, items[5]!];
    await tickItem({ actor: operator, runId: run.id, itemId: a.id, version: 0, done: true });
    await new Promise((r) => setTimeout(r, 20));
    await tickItem({ actor: other, runId: run.id, itemId: b.id, version: 0, done: true });
    const [sa, sb] = [await itemRow(a.id), await itemRow(b.id)];
    expect(sb.doneById).toBe(other.id);
    expect(sb.elapsedMs).toBe(sb.doneAt!.getTime() - sa.doneAt!.getTime());
    expect(sb.elapsedMs).toBeGreaterThanOrEqual(20);
    const last = (await eventsOf(run.id)).at(-1)!;
    expect(last.payload).toMatchObject({ elapsedFrom: sa.doneAt!.toISOString(), elapsedMs: sb.elapsedMs });
  });

  it("times a started item from its own start, not from the previous tick", async () => {
    const { run, items } = await freshRun(operator);
    const [first, watch] = [items[0]!, items.find((i) => i.kind === "stopwatch")!];
    await tickItem({ actor: operator, runId: run.id, itemId: first.id, version: 0, done: true });
    await new Promise((r) => setTimeout(r, 20));
    const {
      result: started,
      before,
      after,
    } = await timed(() => startItem({ actor: operator, runId: run.id, itemId: watch.id, version: 0 }));
    expect(started.version).toBe(1);
    const startedAt = Date.parse(started.startedAt!);
    expect(startedAt).toBeGreaterThanOrEqual(before);
    expect(startedAt).toBeLessThanOrEqual(after);
    await new Promise((r) => setTimeout(r, 20));

    await tickItem({ actor: operator, runId: run.id, itemId: watch.id, version: 1, done: true });
    const stored = await itemRow(watch.id);
    expect(stored.startedAt!.getTime()).toBe(startedAt);
    expect(stored.elapsedMs).toBe(stored.doneAt!.getTime() - startedAt);
    const actions = (await eventsOf(run.id)).map((e) => e.action);
    expect(actions).toEqual(["run.created", "item.ticked", "item.started", "item.ticked"]);
  });

  it("unticks, clearing the tick and keeping what it erased in the log", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[1]!;
    await tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: true });
    const ticked = await itemRow(item.id);

    const view = await tickItem({ actor: other, runId: run.id, itemId: item.id, version: 1, done: false });
    expect(view).toMatchObject({ state: "open", doneBy: null, doneAt: null, elapsedMs: null, version: 2 });
    const stored = await itemRow(item.id);
    expect(stored).toMatchObject({
      state: "open",
      doneById: null,
      doneAt: null,
      elapsedMs: null,
      version: 2,
    });

    const last = (await eventsOf(run.id)).at(-1)!;
    expect(last.action).toBe("item.unticked");
    expect(last.actorId).toBe(other.id);
    expect(last.payload).toEqual({
      path: item.path,
      version: 2,
      wasDoneById: operator.id,
      wasDoneAt: ticked.doneAt!.toISOString(),
      wasElapsedMs: ticked.elapsedMs,
    });
  });

  it("refuses ticking a ticked item and unticking an open one", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[0]!;
    const untick = await expectRejection(
      tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: false }),
      DomainError,
    );
    expect(untick.message).toBe("This item is not ticked.");
    await tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: true });
    const again = await expectRejection(
      tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 1, done: true }),
      DomainError,
    );
    expect(again.message).toBe("This item is already ticked.");
    expect((await itemRow(item.id)).version).toBe(1);
    expect(await eventsOf(run.id)).toHaveLength(2);
  });
});

describe("stale versions", () => {
  it("give a ConflictError carrying the item as it is now, and change nothing", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[0]!;
    await tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: true });
    const before = await itemRow(item.id);

    const error = await expectRejection(
      assignItem({ actor: other, runId: run.id, itemId: item.id, version: 0, assigneeId: other.id }),
      ConflictError,
    );
    expect(error.message).toContain(`ticked by ${operator.name}`);
    const current = error.current as RunItemView;
    expect(current).toMatchObject({
      id: item.id,
      state: "done",
      version: 1,
      assignee: null,
      doneBy: { id: operator.id, name: operator.name, handle: operator.handle },
      doneAt: before.doneAt!.toISOString(),
    });
    // The same view the run page shows.
    const page = await getRunView({ actor: operator, number: run.number });
    expect(current).toEqual(page.items.find((i) => i.id === item.id));

    expect(await itemRow(item.id)).toEqual(before);
    expect((await eventsOf(run.id)).map((e) => e.action)).toEqual(["run.created", "item.ticked"]);
  });
});

describe("assigning and notes", () => {
  it("assigns and unassigns, bumping the version and logging from/to", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[2]!;
    const assigned = await assignItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      assigneeId: other.id,
    });
    expect(assigned.assignee).toEqual({ id: other.id, name: other.name, handle: other.handle });
    expect(assigned.version).toBe(1);
    const cleared = await assignItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 1,
      assigneeId: null,
    });
    expect(cleared.assignee).toBeNull();
    expect(cleared.version).toBe(2);
    expect((await itemRow(item.id)).assigneeId).toBeNull();

    const events = (await eventsOf(run.id)).slice(1);
    expect(events.map((e) => [e.action, e.itemId, e.actorId, e.payload])).toEqual([
      ["item.assigned", item.id, operator.id, { path: item.path, version: 1, from: null, to: other.id }],
      ["item.assigned", item.id, operator.id, { path: item.path, version: 2, from: other.id, to: null }],
    ]);
  });

  it("refuses to assign an auditor or an unknown person, changing nothing", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[2]!;
    for (const assigneeId of [auditor.id, "00000000-0000-4000-8000-000000000000"]) {
      const error = await expectRejection(
        assignItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, assigneeId }),
        ValidationError,
      );
      expect(error.fieldErrors).toEqual({ assigneeId: ["Not an active operator"] });
    }
    expect(await itemRow(item.id)).toMatchObject({ assigneeId: null, version: 0 });
    expect(await eventsOf(run.id)).toHaveLength(1);
  });

  it("sets a trimmed note and clears it with an empty one", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[3]!;
    const noted = await setItemNote({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      note: "  backup took 12 min  ",
    });
    expect(noted).toMatchObject({ note: "backup took 12 min", version: 1 });
    const cleared = await setItemNote({
      actor: other,
      runId: run.id,
      itemId: item.id,
      version: 1,
      note: "   ",
    });
    expect(cleared).toMatchObject({ note: null, version: 2 });

    const events = (await eventsOf(run.id)).slice(1);
    expect(events.map((e) => [e.action, e.actorId, e.payload])).toEqual([
      ["item.noted", operator.id, { path: item.path, version: 1, from: null, to: "backup took 12 min" }],
      ["item.noted", other.id, { path: item.path, version: 2, from: "backup took 12 min", to: null }],
    ]);
  });

  it("refuses a note over 4000 characters", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[3]!;
    // setItemNote checks the length before it returns a promise; accept a throw or a rejection.
    const error = await expectRejection(
      (async () =>
        setItemNote({
          actor: operator,
          runId: run.id,
          itemId: item.id,
          version: 0,
          note: "x".repeat(4001),
        }))(),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ note: ["Too long"] });
    expect(await itemRow(item.id)).toMatchObject({ note: null, version: 0 });
  });
});

describe("refused changes leave no trace", () => {
  it("refuses an item of another run (NotFoundError)", async () => {
    const { run } = await freshRun(operator);
    const { run: otherRun, items: otherItems } = await freshRun(operator);
    const foreign = otherItems[0]!;
    await expectRejection(
      tickItem({ actor: operator, runId: run.id, itemId: foreign.id, version: 0, done: true }),
      NotFoundError,
    );
    await expectRejection(
      tickItem({
        actor: operator,
        runId: run.id,
        itemId: "00000000-0000-4000-8000-000000000000",
        version: 0,
        done: true,
      }),
      NotFoundError,
    );
    expect(await itemRow(foreign.id)).toEqual(foreign);
    expect(await eventsOf(run.id)).toHaveLength(1);
    expect(await eventsOf(otherRun.id)).toHaveLength(1);
  });

  it("refuses every change to a closed run", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[0]!;
    await db().run.update({ where: { id: run.id }, data: { status: "closed", closedAt: new Date() } });
    const ref = { actor: operator, runId: run.id, itemId: item.id, version: 0 };
    const attempts = [
      () => tickItem({ ...ref, done: true }),
      () => assignItem({ ...ref, assigneeId: other.id }),
      () => setItemNote({ ...ref, note: "late" }),
      () => startItem(ref),
    ];
    for (const attempt of attempts) {
      const error = await expectRejection(attempt(), DomainError);
      expect(error.message).toBe(`Run #${run.number} is closed; it can no longer change.`);
    }
    expect(await itemRow(item.id)).toEqual(item);
    expect(await eventsOf(run.id)).toHaveLength(1);
  });

  it("refuses an auditor (ForbiddenError) and no one (UnauthenticatedError), writing no audit row", async () => {
    const { run, items } = await freshRun(operator);
    const item = items[0]!;
    const total = await db().auditEvent.count();
    await expectRejection(
      tickItem({ actor: auditor, runId: run.id, itemId: item.id, version: 0, done: true }),
      ForbiddenError,
    );
    await expectRejection(
      assignItem({ actor: auditor, runId: run.id, itemId: item.id, version: 0, assigneeId: operator.id }),
      ForbiddenError,
    );
    await expectRejection(
      tickItem({ actor: null, runId: run.id, itemId: item.id, version: 0, done: true }),
      UnauthenticatedError,
    );
    expect(await itemRow(item.id)).toEqual(item);
    expect(await db().auditEvent.count()).toBe(total);
  });
});
