import { beforeAll, describe, expect, it } from "vitest";
import { expectRejection, runRow } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";
import { tickItem } from "@/lib/runs/tick-item";
import {
  completeBlueSideTests,
  makeFlowRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  tickAt,
} from "@/test/fixtures";
import { announceDecision, decideGo, workItem } from "@/test/flow-fixtures";

/** path → state of every item of one section of a run. */
async function statesOf(runId: string, sectionKey: string) {
  const items = await db().runItem.findMany({
    where: { runId, section: { key: sectionKey } },
    orderBy: { position: "asc" },
  });
  return Object.fromEntries(items.map((i) => [i.path, i.state]));
}

async function lastEvent(runId: string) {
  return db().auditEvent.findFirstOrThrow({ where: { runId }, orderBy: { seq: "desc" } });
}

/** The latest decision event: the announcement's ticks come after it. */
async function decisionEvent(runId: string) {
  return db().auditEvent.findFirstOrThrow({
    where: { runId, action: { startsWith: "decision." } },
    orderBy: { seq: "desc" },
  });
}

/** Works an item as an operator would (automation steps as done outside Runsheet). */
async function workAt(actor: Actor, runId: string, sectionKey: string, path: string) {
  return workItem(actor, await runItemAt(runId, sectionKey, path));
}

/** A seed run with the Blue-side tests done, the decision made and announced. */
async function decidedRun(actor: Actor, decision: "GO" | "NO GO", rationale = "Blue side is healthy") {
  const run = await makeFlowRun(actor);
  await completeBlueSideTests(actor, run.id);
  const item = await runItemAt(run.id, S.phase4, "2");
  if (decision === "GO") await decideGo({ actor, second, runId: run.id, itemId: item.id, rationale });
  else {
    await decideGoNoGo({ actor, runId: run.id, itemId: item.id, decision, rationale });
    await announceDecision(actor, run.id);
  }
  return run;
}

const GO_PATHS = ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "4", "5"];

let operator: Actor;
let second: Actor;

beforeAll(async () => {
  [operator, second] = await Promise.all([makeUser("operator"), makeUser("operator")]);
});

describe("a GO decision", () => {
  it("marks the NO GO section not taken and leaves the GO section open, with no result yet", async () => {
    const run = await decidedRun(operator, "GO");
    expect(await statesOf(run.id, S.noGo)).toEqual({ "1": "not_taken", "2": "not_taken", "3": "not_taken" });
    expect(await statesOf(run.id, S.go)).toEqual(Object.fromEntries(GO_PATHS.map((p) => [p, "open"])));
    const stored = await runRow(run.id);
    expect(stored.result).toBeNull();
    expect(stored.fields).toMatchObject({ goNoGoDecision: "GO" });
    expect(stored.fields).not.toHaveProperty("changesetDeploymentAttemptResult");
    const event = await decisionEvent(run.id);
    expect(event.action).toBe("decision.recorded");
    expect(event.payload).toMatchObject({
      branchTaken: "go",
      itemsNotTaken: 3,
      itemsReopened: 0,
      result: null,
    });
    // The not-taken branch cannot be worked.
    const error = await expectRejection(tickAt(operator, run.id, S.noGo, "1"), DomainError);
    expect(error.message).toBe("This item is on the branch that was not taken.");
  });

  it("refuses “record SUCCEEDED” while other GO items are open, listing them", async () => {
    const run = await decidedRun(operator, "GO");
    const succeeded = await runItemAt(run.id, S.go, "5");
    expect(succeeded).toMatchObject({
      kind: "record",
      spec: expect.objectContaining({ recordValue: "SUCCEEDED" }),
    });
    const events = await db().auditEvent.count({ where: { runId: run.id } });

    const all = await expectRejection(tickAt(operator, run.id, S.go, "5"), DomainError);
    // The failure path (item 4) is the one open item a success does not wait for.
    expect(all.message).toBe(
      "SUCCEEDED can be recorded once the rest of this section is done; still open: 1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 3.",
    );
    for (const p of ["1.1", "1.2", "1.3", "1", "2.1", "2.2", "2"]) await workAt(operator, run.id, S.go, p);
    const one = await expectRejection(tickAt(operator, run.id, S.go, "5"), DomainError);
    expect(one.message).toBe(
      "SUCCEEDED can be recorded once the rest of this section is done; still open: 3.",
    );

    expect(await runItemAt(run.id, S.go, "5")).toEqual(succeeded);
    expect((await runRow(run.id)).result).toBeNull();
    expect(await db().auditEvent.count({ where: { runId: run.id } })).toBe(events + 7);
  });

  it("ticked through to “record SUCCEEDED” sets the result SUCCEEDED and skips the failure path", async () => {
    const run = await decidedRun(operator, "GO");
    for (const p of ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3"])
      await workAt(operator, run.id, S.go, p);
    const view = await tickAt(operator, run.id, S.go, "5");
    expect(view).toMatchObject({ state: "done", doneBy: { id: operator.id } });

    const stored = await runRow(run.id);
    expect(stored.result).toBe("SUCCEEDED");
    expect(stored.fields).toMatchObject({
      changesetDeploymentAttemptResult: "SUCCEEDED",
      goNoGoDecision: "GO",
    });
    expect(await statesOf(run.id, S.go)).toEqual({
      ...Object.fromEntries(GO_PATHS.map((p) => [p, "done"])),
      "4": "skipped",
    });
    expect((await runItemAt(run.id, S.go, "4")).note).toBe("Not applicable: the tests passed.");
    // The NO GO section stays as the decision left it.
    expect(await statesOf(run.id, S.noGo)).toEqual({ "1": "not_taken", "2": "not_taken", "3": "not_taken" });

    const event = await lastEvent(run.id);
    expect(event).toMatchObject({ action: "item.ticked", itemId: view.id, actorId: operator.id });
    expect(event.payload).toMatchObject({
      path: "5",
      result: "SUCCEEDED",
      recordItemsTicked: [],
      recordItemsSkipped: [],
    });

    // A result recorded by the flow stays recorded.
    const untick = await expectRejection(
      tickItem({ actor: operator, runId: run.id, itemId: view.id, version: view.version, done: false }),
      DomainError,
    );
    expect(untick.message).toBe("This item was recorded by the run's flow; it cannot be unticked.");
    expect((await runRow(run.id)).result).toBe("SUCCEEDED");
  });
});

describe("a failed GO", () => {
  it("fails the run from the goTo item, reopens the NO GO section and ticks “record FAILED”", async () => {
    const run = await decidedRun(operator, "GO");
    await tickAt(operator, run.id, S.go, "1.1");
    const goTo = await runItemAt(run.id, S.go, "4");
    expect((goTo.spec as { goTo?: string }).goTo).toBe("Phase 5: NO GO Decision / Backoff Failed Attempt");

    await tickAt(operator, run.id, S.go, "4");

    const stored = await runRow(run.id);
    expect(stored.result).toBe("FAILED");
    expect(stored.fields).toMatchObject({ changesetDeploymentAttemptResult: "FAILED", goNoGoDecision: "GO" });
    expect(await statesOf(run.id, S.go)).toEqual({
      ...Object.fromEntries(GO_PATHS.map((p) => [p, "not_taken"])),
      "1.1": "done",
      "4": "done",
    });
    // DNS was never switched in this run, so the backoff has nothing to undo and skips itself.
    expect(await statesOf(run.id, S.noGo)).toEqual({ "1": "skipped", "2": "done", "3": "skipped" });
    expect(await runItemAt(run.id, S.noGo, "2")).toMatchObject({
      doneById: operator.id,
      elapsedMs: 0,
      note: "Recorded by item 4: tests failed.",
    });
    expect((await runItemAt(run.id, S.noGo, "1")).note).toBe("Not applicable: the result is FAILED.");

    const event = await lastEvent(run.id);
    expect(event).toMatchObject({ action: "item.ticked", itemId: goTo.id });
    expect(event.payload).toMatchObject({
      path: "4",
      branchTaken: "no_go",
      itemsNotTaken: 8,
      itemsReopened: 3,
      result: "FAILED",
      recordItemsTicked: ["2"],
      recordItemsSkipped: ["1"],
    });

    // "record SUCCEEDED" went with the rest of the GO branch.
    const error = await expectRejection(tickAt(operator, run.id, S.go, "5"), DomainError);
    expect(error.message).toBe("This item is on the branch that was not taken.");
    expect((await runRow(run.id)).result).toBe("FAILED");
  });
});

describe("a NO GO decision", () => {
  it("sets the result NO GO, marks the GO section not taken, ticks “record NO GO” and skips “record FAILED”", async () => {
    const run = await decidedRun(operator, "NO GO", "Error rate on Blue is above the threshold");

    const stored = await runRow(run.id);
    expect(stored.result).toBe("NO GO");
    expect(stored.fields).toMatchObject({
      changesetDeploymentAttemptResult: "NO GO",
      goNoGoDecision: "NO GO",
    });
    expect(await statesOf(run.id, S.go)).toEqual(Object.fromEntries(GO_PATHS.map((p) => [p, "not_taken"])));
    expect(await statesOf(run.id, S.noGo)).toEqual({ "1": "done", "2": "skipped", "3": "skipped" });
    expect(await runItemAt(run.id, S.noGo, "1")).toMatchObject({
      doneById: operator.id,
      note: "Recorded by the NO GO decision.",
    });
    expect((await runItemAt(run.id, S.noGo, "2")).note).toBe("Not applicable: the result is NO GO.");

    const event = await decisionEvent(run.id);
    expect(event.action).toBe("decision.recorded");
    expect(event.payload).toMatchObject({
      decision: "NO GO",
      rationale: "Error rate on Blue is above the threshold",
      branchTaken: "no_go",
      itemsNotTaken: 10,
      result: "NO GO",
      recordItemsTicked: ["1"],
      recordItemsSkipped: ["2"],
    });

    const recorded = await runItemAt(run.id, S.noGo, "1");
    const untick = await expectRejection(
      tickItem({
        actor: operator,
        runId: run.id,
        itemId: recorded.id,
        version: recorded.version,
        done: false,
      }),
      DomainError,
    );
    expect(untick.message).toBe("This item was recorded by the run's flow; it cannot be unticked.");
    const goItem = await expectRejection(tickAt(operator, run.id, S.go, "1"), DomainError);
    expect(goItem.message).toBe("This item is on the branch that was not taken.");
  });

  it("revised to GO reopens the GO section and clears the result", async () => {
    const run = await decidedRun(operator, "NO GO", "Blue side errors");
    const decision = await runItemAt(run.id, S.phase4, "2");
    await decideGo({
      actor: operator,
      second,
      runId: run.id,
      itemId: decision.id,
      rationale: "The errors were a monitoring glitch",
    });
    const stored = await runRow(run.id);
    expect(stored.result).toBeNull();
    expect(stored.fields).toMatchObject({ goNoGoDecision: "GO" });
    expect(stored.fields).not.toHaveProperty("changesetDeploymentAttemptResult");
    expect(await statesOf(run.id, S.go)).toEqual(Object.fromEntries(GO_PATHS.map((p) => [p, "open"])));
    const event = await decisionEvent(run.id);
    expect(event.action).toBe("decision.revised");
    expect(event.payload).toMatchObject({ branchTaken: "go", itemsReopened: 10, result: null });
  });
});
