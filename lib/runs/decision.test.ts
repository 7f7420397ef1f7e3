import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf, expectRejection, runRow } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { closeRun } from "@/lib/runs/close-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import { decideGoNoGo, RATIONALE_MAX } from "@/lib/runs/decide-go-no-go";
import { tickItem } from "@/lib/runs/tick-item";
import {
  completeBlueSideTests,
  makeFlowRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  tickAllItems,
} from "@/test/fixtures";
import { completeUpTo, decideGo } from "@/test/flow-fixtures";

function decisionsOf(runId: string) {
  return db().runDecision.findMany({ where: { runId }, orderBy: { decidedAt: "asc" } });
}

async function decisionItem(runId: string) {
  return runItemAt(runId, S.phase4, "2");
}

let operator: Actor;
let admin: Actor;

beforeAll(async () => {
  [operator, admin] = await Promise.all([makeUser("operator"), makeUser("admin")]);
});

describe("the decision waits for the Blue-side tests", () => {
  it("is refused while the child run is missing, then while it is open, and allowed once it is closed", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase4);
    const decision = await decisionItem(run.id);
    const link = await runItemAt(run.id, S.phase4, "1");
    expect(link).toMatchObject({ kind: "link", state: "open" });
    const attempt = () =>
      decideGoNoGo({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        decision: "NO GO",
        rationale: "Tests green",
      });

    const missing = await expectRejection(attempt(), DomainError);
    expect(missing.message).toBe(
      "The decision waits for the checklist of item 1: create and complete it first.",
    );

    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    const open = await expectRejection(attempt(), DomainError);
    expect(open.message).toBe(
      `The decision waits for child run #${child.number} (${child.title}) to be completed.`,
    );
    // All its items ticked is not enough: the child must be closed.
    await tickAllItems(operator, child.id);
    expect((await expectRejection(attempt(), DomainError)).message).toContain(`child run #${child.number}`);
    expect(await decisionsOf(run.id)).toEqual([]);
    expect(await runItemAt(run.id, S.phase4, "2")).toEqual(decision);

    const before = (await eventsOf(run.id)).length;
    await closeRun({ actor: operator, runId: child.id });
    const ticked = await runItemAt(run.id, S.phase4, "1");
    expect(ticked).toMatchObject({
      state: "done",
      doneById: operator.id,
      note: `Completed by child run #${child.number}.`,
    });
    const linkEvents = (await eventsOf(run.id)).slice(before);
    expect(linkEvents).toHaveLength(1);
    expect(linkEvents[0]).toMatchObject({ action: "item.ticked", itemId: link.id, actorId: operator.id });
    expect(linkEvents[0]!.payload).toMatchObject({
      path: "1",
      byChildRun: child.number,
      childRunId: child.id,
    });

    const recorded = await attempt();
    expect(recorded.decision).toBe("NO GO");
    expect(await decisionsOf(run.id)).toHaveLength(1);
    expect(await runItemAt(run.id, S.phase4, "2")).toMatchObject({ state: "done", doneById: operator.id });
  });

  it("cannot be ticked like a task", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    const error = await expectRejection(
      tickItem({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        version: decision.version,
        done: true,
      }),
      DomainError,
    );
    expect(error.message).toBe("Record the decision with its rationale instead of ticking it.");
    expect((await runItemAt(run.id, S.phase4, "2")).state).toBe("open");
  });
});

describe("who may decide", () => {
  it.each(["auditor", "subscriber"] as const)(
    "refuses the %s role with ForbiddenError and writes nothing",
    async (role) => {
      const someone = await makeUser(role);
      const run = await makeFlowRun(operator);
      await completeBlueSideTests(operator, run.id);
      const decision = await decisionItem(run.id);
      const events = await db().auditEvent.count();
      const before = await runRow(run.id);

      const error = await expectRejection(
        decideGoNoGo({
          actor: someone,
          runId: run.id,
          itemId: decision.id,
          decision: "NO GO",
          rationale: "ok",
        }),
        ForbiddenError,
      );
      expect(error.message).toBe(`Your role (${role}) does not allow runs.decide.`);
      expect(await decisionsOf(run.id)).toEqual([]);
      expect(await db().auditEvent.count()).toBe(events);
      expect(await runItemAt(run.id, S.phase4, "2")).toEqual(decision);
      expect(await runRow(run.id)).toEqual(before);
    },
  );

  it("refuses no one (UnauthenticatedError) and lets an admin decide", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    await expectRejection(
      decideGoNoGo({ actor: null, runId: run.id, itemId: decision.id, decision: "NO GO", rationale: "ok" }),
      UnauthenticatedError,
    );
    expect(await decisionsOf(run.id)).toEqual([]);
    await decideGoNoGo({
      actor: admin,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "ok",
    });
    expect((await decisionsOf(run.id)).map((d) => d.decidedById)).toEqual([admin.id]);
  });
});

describe("the rationale", () => {
  it("is required: a blank one is refused and nothing is written", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    const events = (await eventsOf(run.id)).length;
    for (const rationale of ["", "   \n\t "]) {
      const error = await expectRejection(
        decideGoNoGo({ actor: operator, runId: run.id, itemId: decision.id, decision: "NO GO", rationale }),
        ValidationError,
      );
      expect(error.fieldErrors).toEqual({ rationale: ["Required"] });
    }
    const tooLong = await expectRejection(
      decideGoNoGo({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        decision: "NO GO",
        rationale: "x".repeat(RATIONALE_MAX + 1),
      }),
      ValidationError,
    );
    expect(tooLong.fieldErrors).toEqual({ rationale: ["Too long"] });
    expect(await decisionsOf(run.id)).toEqual([]);
    expect(await eventsOf(run.id)).toHaveLength(events);
    expect((await runRow(run.id)).result).toBeNull();
  });

  it("is stored trimmed, with who decided and when", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    const before = Date.now();
    const result = await decideGoNoGo({
      actor: operator,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "  Blue side failed a smoke test  ",
    });
    const [stored] = await decisionsOf(run.id);
    expect(stored).toMatchObject({
      id: result.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "Blue side failed a smoke test",
      decidedById: operator.id,
      supersedesId: null,
    });
    expect(stored!.decidedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(result.decidedAt).toBe(stored!.decidedAt.toISOString());
    expect((await runRow(run.id)).fields).toMatchObject({ goNoGoDecision: "NO GO" });
  });
});

describe("revising the decision", () => {
  it("keeps both entries, the second superseding the first, and logs recorded then revised", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    // GO takes two approvers; the one who completes the quorum records it.
    const first = await decideGo({
      actor: admin,
      second: operator,
      runId: run.id,
      itemId: decision.id,
      rationale: "All Blue-side tests passed",
    });
    const goRationale = `${admin.name}: All Blue-side tests passed\n${operator.name}: All Blue-side tests passed`;
    const second = await decideGoNoGo({
      actor: admin,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "Latency on Blue doubled after the tests",
    });

    const rows = await decisionsOf(run.id);
    expect(rows.map((d) => [d.id, d.decision, d.rationale, d.decidedById, d.supersedesId])).toEqual([
      [first.id, "GO", goRationale, operator.id, null],
      [second.id, "NO GO", "Latency on Blue doubled after the tests", admin.id, first.id],
    ]);

    const decisionEvents = (await eventsOf(run.id)).filter((e) => e.action.startsWith("decision."));
    expect(decisionEvents.map((e) => [e.action, e.actorId, e.itemId])).toEqual([
      ["decision.recorded", operator.id, decision.id],
      ["decision.revised", admin.id, decision.id],
    ]);
    expect(decisionEvents[0]!.payload).toMatchObject({
      decisionId: first.id,
      decision: "GO",
      rationale: goRationale,
      supersedes: null,
      branchTaken: "go",
    });
    expect(decisionEvents[1]!.payload).toMatchObject({
      decisionId: second.id,
      decision: "NO GO",
      rationale: "Latency on Blue doubled after the tests",
      supersedes: { id: first.id, decision: "GO", rationale: goRationale },
      branchTaken: "no_go",
      result: "NO GO",
    });
    // The decision item stays ticked by the first decider; the revision bumps its version.
    const item = await runItemAt(run.id, S.phase4, "2");
    expect(item).toMatchObject({ state: "done", doneById: operator.id, version: 2 });
    expect((await runRow(run.id)).fields).toMatchObject({ goNoGoDecision: "NO GO" });
  });

  it("refuses the same rationale again, writing nothing", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    await decideGoNoGo({
      actor: operator,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "Tests passed",
    });
    const events = (await eventsOf(run.id)).length;
    const error = await expectRejection(
      decideGoNoGo({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        decision: "NO GO",
        rationale: "  Tests passed ",
      }),
      ValidationError,
    );
    expect(error.message).toBe("A revision needs a new rationale.");
    expect(error.fieldErrors).toEqual({ rationale: ["Same as the previous decision"] });
    expect(await decisionsOf(run.id)).toHaveLength(1);
    expect(await eventsOf(run.id)).toHaveLength(events);
    const stored = await runRow(run.id);
    expect(stored.result).toBe("NO GO");
    expect(stored.fields).toMatchObject({ goNoGoDecision: "NO GO" });
  });

  it("is refused once the change has failed", async () => {
    const run = await makeFlowRun(operator);
    await completeBlueSideTests(operator, run.id);
    const decision = await decisionItem(run.id);
    await decideGo({ actor: operator, second: admin, runId: run.id, itemId: decision.id, rationale: "ok" });
    const failed = await runItemAt(run.id, S.go, "4");
    await tickItem({
      actor: operator,
      runId: run.id,
      itemId: failed.id,
      version: failed.version,
      done: true,
    });
    expect((await runRow(run.id)).result).toBe("FAILED");

    const error = await expectRejection(
      decideGoNoGo({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        decision: "NO GO",
        rationale: "Back off",
      }),
      DomainError,
    );
    expect(error.message).toBe("The change already failed; the decision can no longer be revised.");
    expect(await decisionsOf(run.id)).toHaveLength(1);
    expect((await runRow(run.id)).result).toBe("FAILED");
  });
});
