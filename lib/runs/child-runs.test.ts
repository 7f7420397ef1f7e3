import { renderTokens } from "@/lib/templates/render-tokens";
import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf, expectRejection, runRow } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { CloseRefusedError, closeRun } from "@/lib/runs/close-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";
import { completeUpTo, decideGo, workItem } from "@/test/flow-fixtures";
import { tickItem } from "@/lib/runs/tick-item";
import {
  completeBlueSideTests,
  makeFlowRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  tickAt,
} from "@/test/fixtures";

async function templateSlugOf(run: { templateVersionId: string }) {
  const version = await db().templateVersion.findUniqueOrThrow({
    where: { id: run.templateVersionId },
    include: { template: true },
  });
  return version.template.slug;
}

/** A seed run that went GO, then failed its post-cutover tests (result FAILED). */
async function failedRun(actor: Actor) {
  const run = await makeFlowRun(actor);
  await completeBlueSideTests(actor, run.id);
  const decision = await runItemAt(run.id, S.phase4, "2");
  await decideGoNoGo({
    actor,
    runId: run.id,
    itemId: decision.id,
    decision: "NO GO",
    rationale: "First look worrying",
  });
  await decideGo({
    actor,
    second,
    runId: run.id,
    itemId: decision.id,
    rationale: "Blue side passed all smoke tests",
  });
  for (const p of ["1.1", "1.2", "1.3", "1", "3"]) await workItem(actor, await runItemAt(run.id, S.go, p));
  await tickAt(actor, run.id, S.go, "4");
  return run;
}

let operator: Actor;
let second: Actor;

beforeAll(async () => {
  [operator, second] = await Promise.all([makeUser("operator"), makeUser("operator")]);
});

describe("the Blue-side tests child run", () => {
  it("is made from the Blue-side template, pre-filled, linked to its parent item, and numbered in the parent", async () => {
    const run = await makeFlowRun(operator, { stackIdForPrechangeBlueStack: "andromeda-blue-0412" });
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    expect(link.spec).toMatchObject({
      linkTemplate: "Blue-side-tests-production",
      recordField: "blueSideTestsIssue",
    });

    const before = Date.now();
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    expect(await templateSlugOf(child)).toBe("blue-side-tests-production");
    expect(child).toMatchObject({
      title: "Blue-side Tests Production for Changeset v4.3",
      parentRunId: run.id,
      parentItemId: link.id,
      status: "open",
      createdById: operator.id,
    });
    expect(child.number).toBeGreaterThan(run.number);
    // Fields of the same name come from the parent.
    expect(child.fields).toEqual({
      changesetVersion: "4.3",
      stackIdForPrechangeBlueStack: "andromeda-blue-0412",
    });
    expect(await db().runItem.count({ where: { runId: child.id } })).toBe(8);
    const confirm = await db().runItem.findFirstOrThrow({
      where: { runId: child.id, path: "2", section: { key: "smoke-tests-on-the-blue-stack" } },
    });
    expect(confirm.text).toBe("Confirm the build banner shows changeset 4.3");

    // The seed writes "Closes #_ISSUE_NUMBER_": the "#" is in the text, the field holds the number.
    expect((await runRow(run.id)).fields).toMatchObject({ blueSideTestsIssue: `${child.number}` });
    const started = await runItemAt(run.id, S.phase4, "1");
    expect(started).toMatchObject({ state: "open", version: 1 });
    expect(started.startedAt!.getTime()).toBeGreaterThanOrEqual(before);

    const parentEvent = (await eventsOf(run.id)).at(-1)!;
    expect(parentEvent).toMatchObject({ action: "child.created", itemId: link.id, actorId: operator.id });
    expect(parentEvent.payload).toEqual({
      childRunId: child.id,
      childNumber: child.number,
      template: "blue-side-tests-production",
    });
    const childEvents = await eventsOf(child.id);
    expect(childEvents.map((e) => e.action)).toEqual(["run.created"]);
    expect(childEvents[0]!.payload).toMatchObject({ parentRunId: run.id, parentItemId: link.id });
  });

  it("answers its item once: a second child is refused, and the link item cannot be ticked by hand", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    const second = await expectRejection(
      createChildRun({ actor: operator, runId: run.id, itemId: link.id }),
      DomainError,
    );
    expect(second.message).toBe(`Child run #${child.number} already answers this item.`);
    const tick = await expectRejection(
      tickItem({ actor: operator, runId: run.id, itemId: link.id, version: 1, done: true }),
      DomainError,
    );
    expect(tick.message).toBe("This item ticks itself when its child checklist is completed.");
    expect(await db().run.count({ where: { parentItemId: link.id } })).toBe(1);
  });

  it("is refused for an auditor and for an item that links to nothing", async () => {
    const run = await makeFlowRun(operator);
    const eventsBefore = (await eventsOf(run.id)).map((e) => e.action);
    const auditor = await makeUser("auditor");
    const link = await runItemAt(run.id, S.phase4, "1");
    await expectRejection(createChildRun({ actor: auditor, runId: run.id, itemId: link.id }), ForbiddenError);
    const task = await runItemAt(run.id, S.preFlight, "1");
    const error = await expectRejection(
      createChildRun({ actor: operator, runId: run.id, itemId: task.id }),
      DomainError,
    );
    expect(error.message).toBe("This item does not link to a checklist.");
    expect(await db().run.count({ where: { parentRunId: run.id } })).toBe(0);
    expect((await eventsOf(run.id)).map((e) => e.action)).toEqual(eventsBefore);
  });

  it("closes only when all its items are done, and its closing ticks the parent's link item", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    const refused = await expectRejection(closeRun({ actor: operator, runId: child.id }), CloseRefusedError);
    expect(refused.reasons).toHaveLength(1);
    expect(refused.reasons[0]).toMatch(/^8 item\(s\) still open: 1 “Open the Blue stack's load balancer/);
    expect((await runItemAt(run.id, S.phase4, "1")).state).toBe("open");

    const items = await db().runItem.findMany({ where: { runId: child.id }, orderBy: { position: "asc" } });
    for (const i of items)
      await tickItem({ actor: operator, runId: child.id, itemId: i.id, version: 0, done: true });
    const closed = await closeRun({ actor: operator, runId: child.id });
    expect(closed.number).toBe(child.number);
    expect(await runRow(child.id)).toMatchObject({ status: "closed", result: null });

    const ticked = await runItemAt(run.id, S.phase4, "1");
    expect(ticked).toMatchObject({
      state: "done",
      doneById: operator.id,
      note: `Completed by child run #${child.number}.`,
      version: 2,
    });
    expect(ticked.elapsedMs).toBe(ticked.doneAt!.getTime() - ticked.startedAt!.getTime());
    const last = (await eventsOf(run.id)).at(-1)!;
    expect(last).toMatchObject({ action: "item.ticked", itemId: link.id });
    expect(last.payload).toEqual({
      path: "1",
      byChildRun: child.number,
      childRunId: child.id,
      elapsedMs: ticked.elapsedMs,
    });
  });

  // Known defect: createChildRun checks for an existing child before its transaction and
  // does not check again under the parent's lock, so racing requests each create one.
  it("is created once when several requests race for the same item", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    await Promise.allSettled(
      Array.from({ length: 10 }, () => createChildRun({ actor: operator, runId: run.id, itemId: link.id })),
    );
    expect(await db().run.count({ where: { parentItemId: link.id } })).toBe(1);
  });
});

describe("the post-mortem child run", () => {
  it("is made from the post-mortem template with the version, the latest rationale and the timeline so far", async () => {
    const run = await failedRun(operator);
    const link = await runItemAt(run.id, S.wrapUp, "2.2");
    expect(link.kind).toBe("link");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });

    expect(await templateSlugOf(child)).toBe("changeset-failure-post-mortem");
    expect(child.title).toBe("Changeset Failure Post Mortem Report for Changeset v4.3");
    expect(child).toMatchObject({ parentRunId: run.id, parentItemId: link.id });
    expect((await runRow(run.id)).fields).toMatchObject({ postMortemIssue: `#${child.number}` });

    const fields = child.fields as Record<string, string>;
    expect(fields.changesetVersion).toBe("4.3");
    // The decision in force: GO, by two approvers, each with the rationale.
    expect(fields.decisionRationale).toBe(
      `${operator.name}: Blue side passed all smoke tests\n${second.name}: Blue side passed all smoke tests`,
    );

    // One line per ticked item of the parent, oldest first, with who ticked it.
    const done = await db().runItem.findMany({
      where: { runId: run.id, state: "done" },
      include: { section: true },
      orderBy: { position: "asc" },
    });
    expect(done.map((i) => `${i.section.key} ${i.path}`)).toEqual(
      expect.arrayContaining([
        `${S.phase4} 1`,
        `${S.phase4} 2`,
        `${S.go} 1`,
        `${S.go} 1.1`,
        `${S.go} 1.2`,
        `${S.go} 1.3`,
        `${S.go} 3`,
        `${S.go} 4`,
        `${S.noGo} 2`,
      ]),
    );
    const lines = fields.timelineSoFar!.split("\n");
    expect(lines).toHaveLength(done.length);
    const parentFields = (await db().run.findUniqueOrThrow({ where: { id: run.id } })).fields as Record<
      string,
      string
    >;
    for (const item of done) {
      // Placeholders read as the parent recorded them ("Closes #12", not "{{blueSideTestsIssue}}").
      const line = `${item.doneAt!.toISOString()} ${item.path} ${renderTokens(item.text, parentFields)} — @${operator.handle} (`;
      expect(line).not.toContain("{{");
      expect(
        lines.filter((l) => l.startsWith(line)),
        line,
      ).toHaveLength(1);
    }
    const times = lines.map((l) => Date.parse(l.slice(0, 24)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(fields.timelineSoFar).toContain('If changeset failed, in "Changeset Deployment Attempt Result"');
    // Open items and the branch not taken are not part of it.
    expect(fields.timelineSoFar).not.toContain("If tests pass");
  });

  // Known defect: the pre-fill is limited to startFields(), which leaves out result-typed
  // fields, so the parent's result never reaches the post-mortem.
  it("is pre-filled with the parent's result", async () => {
    const run = await failedRun(operator);
    const link = await runItemAt(run.id, S.wrapUp, "2.2");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    expect(child.fields).toMatchObject({ changesetDeploymentAttemptResult: "FAILED" });
  });
});
