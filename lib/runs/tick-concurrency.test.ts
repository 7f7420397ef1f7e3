import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyChain } from "@/lib/audit/verify-chain";
import { ConflictError } from "@/lib/errors";
import { tickItem } from "@/lib/runs/tick-item";
import { makeUser, makeWideRun } from "@/test/fixtures";
import type { Actor } from "@/lib/auth/permissions";
import type { RunItem } from "@/lib/generated/prisma/client";

/**
 * Many people ticking at once must never see anything but their tick or a conflict: each of
 * these asserts that every concurrent tick either won or lost as a ConflictError, never as
 * a timeout, "busy" or an internal error, and that the audit chain stays whole. They run as
 * they are and again beside a CPU hog that takes every core, as on a busy CI machine.
 */

let hogs: ChildProcess[] = [];
afterEach(() => {
  for (const h of hogs) h.kill("SIGKILL");
  hogs = [];
});

/** Spinning processes, one per core this machine reports (at least two), for the rest of the test. */
function cpuHog(cores = 2) {
  for (let i = 0; i < cores; i++)
    hogs.push(spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

const tick = (actor: Actor, item: RunItem) =>
  tickItem({ actor, runId: item.runId, itemId: item.id, version: item.version, done: true });

async function expectAllTicked(actor: Actor, items: RunItem[]) {
  const results = await Promise.allSettled(items.map((item) => tick(actor, item)));
  const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
  expect(failures).toEqual([]);
  const runIds = [...new Set(items.map((i) => i.runId))];
  const done = await db().runItem.count({ where: { id: { in: items.map((i) => i.id) }, state: "done" } });
  expect(done).toBe(items.length);
  for (const runId of runIds) {
    const events = await db().auditEvent.count({ where: { runId, action: "item.ticked" } });
    expect(events).toBe(items.filter((i) => i.runId === runId).length);
    expect(await verifyChain({ actor: "system", target: { runId } })).toMatchObject({ ok: true });
  }
}

async function expectOneWinner(actors: Actor[], item: RunItem) {
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, n) => tick(actors[n % actors.length]!, item)),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  expect(lost.filter((e) => !(e instanceof ConflictError)).map(String)).toEqual([]);
  expect(await db().auditEvent.count({ where: { itemId: item.id, action: "item.ticked" } })).toBe(1);
}

describe.each([
  { load: "on a quiet machine", hog: false },
  { load: "beside a CPU hog on every core", hog: true },
])("concurrent ticks $load", { timeout: 120_000 }, ({ hog }) => {
  it("50 ticks of one item: exactly one wins, the others are conflicts", async () => {
    const actors = await Promise.all(Array.from({ length: 5 }, () => makeUser("operator")));
    const { items } = await makeWideRun(actors[0]!, 3);
    if (hog) cpuHog();
    await expectOneWinner(actors, items[0]!);
  });

  it("200 ticks of different items of one run all succeed, in one unbroken chain", async () => {
    const actor = await makeUser("operator");
    const { items } = await makeWideRun(actor, 200);
    if (hog) cpuHog();
    await expectAllTicked(actor, items);
  });

  it("100 ticks over 10 runs all succeed, while another run takes 100 of its own", async () => {
    const actor = await makeUser("operator");
    const runs = await Promise.all(Array.from({ length: 11 }, () => makeWideRun(actor, 10)));
    const spread = runs.slice(0, 10).flatMap((r) => r.items);
    const busy = (await makeWideRun(actor, 100)).items;
    if (hog) cpuHog();
    await Promise.all([expectAllTicked(actor, spread), expectAllTicked(actor, busy)]);
  });
});
