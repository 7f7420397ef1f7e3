import { beforeAll, describe, expect, it } from "vitest";
import { expectRejection, runRow } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { firstBreak } from "@/lib/audit/verify-chain";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { CloseRefusedError, closeRun } from "@/lib/runs/close-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";
import { runAvailability } from "@/lib/runs/flow/run-availability";
import { announceDecision, completeUpTo, decideGo, workItem } from "@/test/flow-fixtures";
import { recordItem } from "@/lib/runs/record-item";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { skipItem } from "@/lib/runs/skip-item";
import { tickItem } from "@/lib/runs/tick-item";
import {
  completeBlueSideTests,
  makeFlowRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  tickAllItems,
  tickAt,
} from "@/test/fixtures";

function streamEvents(runId: string) {
  return db().auditEvent.findMany({ where: { stream: `run:${runId}` }, orderBy: { seq: "asc" } });
}

function openItems(runId: string) {
  return db().runItem.findMany({
    where: { runId, state: "open" },
    include: { section: true },
    orderBy: { position: "asc" },
  });
}

/** The "N item(s) still open: …" reason closeRun gives for these items. */
function openReason(items: { path: string; text: string }[]) {
  return `${items.length} item(s) still open: ${items.map((i) => `${i.path} “${i.text.slice(0, 60)}”`).join("; ")}.`;
}

/** The decision, announced: GO by two approvers, NO GO by one. */
async function decide(actor: Actor, runId: string, decision: "GO" | "NO GO", rationale: string) {
  const item = await runItemAt(runId, S.phase4, "2");
  if (decision === "GO") return decideGo({ actor, second, runId, itemId: item.id, rationale });
  const decided = await decideGoNoGo({ actor, runId, itemId: item.id, decision, rationale });
  await announceDecision(actor, runId);
  return decided;
}

/** Works an item as an operator would (automation steps as done outside Runsheet). */
async function workAt(actor: Actor, runId: string, sectionKey: string, path: string) {
  return workItem(actor, await runItemAt(runId, sectionKey, path));
}

/**
 * Skips every open item of the run that can be worked on, with a reason, except the ones
 * `keep` names as "section path"; items that wait for a kept one stay open.
 */
async function skipAllBut(actor: Actor, runId: string, keep: string[]) {
  for (;;) {
    const availability = await runAvailability(db(), runId);
    const next = (await openItems(runId)).find(
      (i) => !keep.includes(`${i.section.key} ${i.path}`) && availability.get(i.id)?.available,
    );
    if (!next) return;
    await skipItem({
      actor,
      runId,
      itemId: next.id,
      version: next.version,
      reason: "Out of scope for this change",
    });
  }
}

/** Closing is refused; returns the reasons. Nothing changes. */
async function closeRefused(actor: Actor, runId: string) {
  const events = await db().auditEvent.count({ where: { runId } });
  const error = await expectRejection(closeRun({ actor, runId }), CloseRefusedError);
  expect(error.message).toBe(`The run cannot be closed yet: ${error.reasons.join(" ")}`);
  expect(await runRow(runId)).toMatchObject({ status: "open", closedAt: null });
  expect(await db().auditEvent.count({ where: { runId } })).toBe(events);
  return error.reasons;
}

let operator: Actor;
let second: Actor;

beforeAll(async () => {
  [operator, second] = await Promise.all([makeUser("operator"), makeUser("operator")]);
});

describe("closing refuses an unfinished run", () => {
  it("lists the open items and the missing result", async () => {
    const run = await makeFlowRun(operator);
    const open = await openItems(run.id);
    expect(open).toHaveLength(44);
    const reasons = await closeRefused(operator, run.id);
    // Eight are named, each with the start of its text; the rest are elided.
    const sample = open.slice(0, 8).map((i) => `${i.path} “${i.text.slice(0, 60)}”`);
    expect(reasons).toEqual([
      `44 item(s) still open: ${sample.join("; ")}; ….`,
      "The result is not recorded yet.",
    ]);
    expect(reasons[0]).toMatch(
      /^44 item\(s\) still open: 1 “Confirm Go Call”; 2 “Confirm Maintenance Window/,
    );
  });

  it("names a child run that is still open", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    const reasons = await closeRefused(operator, run.id);
    expect(reasons).toContain(`Child run(s) still open: #${child.number}.`);
  });

  it("is refused to an auditor", async () => {
    const run = await makeFlowRun(operator);
    const auditor = await makeUser("auditor");
    await expectRejection(closeRun({ actor: auditor, runId: run.id }), ForbiddenError);
    expect((await runRow(run.id)).status).toBe("open");
  });
});

describe("a full GO walk", () => {
  let runId: string;
  let runNumber: number;
  let blueChildId: string;

  beforeAll(async () => {
    const run = await makeFlowRun(operator);
    runId = run.id;
    runNumber = run.number;
    const record = async (section: string, path: string, value: string, timeZone?: string) => {
      const item = await runItemAt(runId, section, path);
      await recordItem({ actor: operator, runId, itemId: item.id, version: item.version, value, timeZone });
    };
    await tickAt(operator, runId, S.preFlight, "1");
    await record(S.preFlight, "2", "2026-12-01T22:00", "Europe/Berlin");
    for (const p of ["1.1", "1.2", "1"]) await workAt(operator, runId, "phase-1-change-preparation", p);
    for (const p of ["1.1", "1.2", "1.3", "1"])
      await tickAt(operator, runId, "phase-2-prechange-commencement-notice", p);
    await tickAt(operator, runId, S.phase3, "1");
    await tickAt(operator, runId, S.phase3, "2");
    await record(S.phase3, "2.1", "andromeda:4.3.0");
    await workAt(operator, runId, S.phase3, "3");
    await tickAt(operator, runId, S.phase3, "4");
    blueChildId = (await completeBlueSideTests(operator, runId)).id;
    await decide(operator, runId, "GO", "All Blue-side tests passed");
    for (const p of ["1.1", "1.2", "1.3", "1", "2.1", "2.2", "2", "3", "5"])
      await workAt(operator, runId, S.go, p);
    for (const p of ["1.1", "1.2", "1.3", "1"]) await tickAt(operator, runId, S.wrapUp, p);
  });

  it("skips what belongs to a failure by itself, and refuses to close while the closing item is open", async () => {
    expect((await runRow(runId)).result).toBe("SUCCEEDED");
    const open = await openItems(runId);
    expect(open.map((i) => `${i.section.key} ${i.path}`)).toEqual([`${S.closing} 1`]);
    const skipped = await db().runItem.findMany({
      where: { runId, state: "skipped", note: "Not applicable: the result is SUCCEEDED." },
      include: { section: true },
      orderBy: { position: "asc" },
    });
    expect(skipped.map((i) => `${i.section.key} ${i.path}`)).toEqual([
      `${S.wrapUp} 2`,
      `${S.wrapUp} 2.1`,
      `${S.wrapUp} 2.1.1`,
      `${S.wrapUp} 2.1.2`,
      `${S.wrapUp} 2.1.3`,
      `${S.wrapUp} 2.2`,
      `${S.closing} 2`,
    ]);
    expect(await closeRefused(operator, runId)).toEqual([openReason(open)]);
  });

  it("closes once the rest is ticked, as an audit event", async () => {
    await tickAt(operator, runId, S.closing, "1");
    const before = Date.now();
    const closed = await closeRun({ actor: operator, runId });
    const stored = await runRow(runId);
    expect(stored.status).toBe("closed");
    expect(stored.closedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(closed).toEqual({ number: runNumber, closedAt: stored.closedAt!.toISOString() });
    expect(await db().runItem.count({ where: { runId, state: "open" } })).toBe(0);

    const last = (await streamEvents(runId)).at(-1)!;
    expect(last).toMatchObject({ action: "run.closed", actorId: operator.id, itemId: null });
    expect(last.createdAt.getTime()).toBe(stored.closedAt!.getTime());
    expect(last.payload).toMatchObject({
      result: "SUCCEEDED",
      fields: {
        changesetVersion: "4.3",
        changesetDeploymentAttemptResult: "SUCCEEDED",
        goNoGoDecision: "GO",
        maintenanceWindowDateTime: "2026-12-01T21:00:00.000Z",
        newContainerVersion: "andromeda:4.3.0",
      },
    });
  });

  it("then refuses every change: tick, skip, record, decide, child run, window, closing again", async () => {
    const events = await db().auditEvent.count({ where: { runId } });
    const closedMessage = `Run #${runNumber} is closed; it can no longer change.`;
    const ticked = await runItemAt(runId, S.preFlight, "1");
    const skipped = await runItemAt(runId, S.closing, "2");
    const recorded = await runItemAt(runId, S.preFlight, "2");
    const decision = await runItemAt(runId, S.phase4, "2");
    const link = await runItemAt(runId, S.wrapUp, "2.2");
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "untick",
        () => tickItem({ actor: operator, runId, itemId: ticked.id, version: ticked.version, done: false }),
      ],
      [
        "tick",
        () => tickItem({ actor: operator, runId, itemId: skipped.id, version: skipped.version, done: true }),
      ],
      [
        "skip",
        () =>
          skipItem({ actor: operator, runId, itemId: ticked.id, version: ticked.version, reason: "late" }),
      ],
      [
        "record",
        () =>
          recordItem({
            actor: operator,
            runId,
            itemId: recorded.id,
            version: recorded.version,
            value: "2026-12-02T22:00",
          }),
      ],
      [
        "decide",
        () =>
          decideGoNoGo({
            actor: operator,
            runId,
            itemId: decision.id,
            decision: "NO GO",
            rationale: "Too late",
          }),
      ],
      ["child", () => createChildRun({ actor: operator, runId, itemId: link.id })],
      ["window", () => setRunWindow({ actor: operator, runId, start: "2026-12-02T22:00", timeZone: "UTC" })],
      ["close", () => closeRun({ actor: operator, runId })],
    ];
    for (const [what, attempt] of attempts) {
      const error = await expectRejection(attempt(), DomainError);
      expect(error.message, what).toBe(closedMessage);
    }
    expect(await db().auditEvent.count({ where: { runId } })).toBe(events);
    expect(await db().runDecision.count({ where: { runId } })).toBe(1);
    expect(await db().run.count({ where: { parentRunId: runId } })).toBe(1);
    expect((await runRow(runId)).fields).toMatchObject({
      maintenanceWindowDateTime: "2026-12-01T21:00:00.000Z",
      goNoGoDecision: "GO",
    });
  });

  it("leaves the run's audit chain and its child's intact", async () => {
    const events = await streamEvents(runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, n) => n + 1));
    expect(firstBreak(events)).toBeNull();
    const actions = events.map((e) => e.action);
    expect(actions[0]).toBe("run.created");
    expect(actions.at(-1)).toBe("run.closed");
    expect(new Set(actions)).toEqual(
      new Set([
        "run.created",
        // The seed's /cc names groups nobody holds: reported, and the run goes on.
        "run.cc_unresolved",
        "item.ticked",
        "item.recorded",
        "child.created",
        "approval.recorded",
        "decision.recorded",
        "run.closed",
      ]),
    );
    expect(actions.filter((a) => a === "item.recorded")).toHaveLength(2);
    expect(await db().auditEvent.count({ where: { runId } })).toBe(events.length);
    for (let n = 1; n < events.length; n++) {
      expect(events[n]!.createdAt.getTime()).toBeGreaterThanOrEqual(events[n - 1]!.createdAt.getTime());
    }
    const child = await streamEvents(blueChildId);
    expect(child.map((e) => e.action)).toEqual([
      "run.created",
      ...Array(8).fill("item.ticked"),
      "run.closed",
    ]);
    expect(firstBreak(child)).toBeNull();
    // The check can fail: an edited payload breaks the chain.
    const tampered = events.map((e, i) => (i === 3 ? { ...e, payload: { edited: true } } : e));
    expect(firstBreak(tampered)).toEqual({
      id: String(events[3]!.id),
      seq: 4,
      reason: "hash does not match the event's content",
    });
  });
});

describe("closing after NO GO or FAILED", () => {
  it("after NO GO, waits for the post-mortem child to exist and to be closed", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    await decide(operator, run.id, "NO GO", "Error rate on Blue too high");
    await tickAt(operator, run.id, S.wrapUp, "2");
    await skipAllBut(operator, run.id, [`${S.wrapUp} 2.2`]);
    const link = await runItemAt(run.id, S.wrapUp, "2.2");
    // Closing out waits for the post-mortem item, so it is still open too.
    const closing = await runItemAt(run.id, S.closing, "2");
    const postMortem = "After a NO GO result the post-mortem must be completed first.";

    expect(await closeRefused(operator, run.id)).toEqual([openReason([link, closing]), postMortem]);

    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    expect(await closeRefused(operator, run.id)).toEqual([
      openReason([link, closing]),
      `Child run(s) still open: #${child.number}.`,
      postMortem,
    ]);
    // Its items all done is not enough while the child is open.
    await tickAllItems(operator, child.id);
    expect(await closeRefused(operator, run.id)).toContain(postMortem);
  });

  it("after FAILED, skipping the post-mortem does not count as doing it", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    await decide(operator, run.id, "GO", "Blue side looks fine");
    await tickAt(operator, run.id, S.go, "4");
    expect((await runRow(run.id)).result).toBe("FAILED");
    await skipAllBut(operator, run.id, []);
    expect((await runItemAt(run.id, S.wrapUp, "2.2")).state).toBe("skipped");
    expect(await db().runItem.count({ where: { runId: run.id, state: "open" } })).toBe(0);

    expect(await closeRefused(operator, run.id)).toEqual([
      "After a FAILED result the post-mortem must be completed first.",
    ]);
  });

  // Known defect: the post-mortem template has a result-typed field, so closeRun asks the
  // child for a result ("The result is not recorded yet.") that nothing in it can record;
  // the post-mortem child never closes, and neither does a NO GO or FAILED run.
  it("closes once the post-mortem child is closed, which ticks the parent's item 2.2", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    await decide(operator, run.id, "NO GO", "Error rate on Blue too high");
    await tickAt(operator, run.id, S.wrapUp, "2");
    await skipAllBut(operator, run.id, [`${S.wrapUp} 2.2`]);
    const link = await runItemAt(run.id, S.wrapUp, "2.2");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    await tickAllItems(operator, child.id);

    await closeRun({ actor: operator, runId: child.id });

    expect(await runItemAt(run.id, S.wrapUp, "2.2")).toMatchObject({
      state: "done",
      note: `Completed by child run #${child.number}.`,
    });
    await tickAt(operator, run.id, S.closing, "2");
    await closeRun({ actor: operator, runId: run.id });
    expect(await runRow(run.id)).toMatchObject({ status: "closed", result: "NO GO" });
  });
});
