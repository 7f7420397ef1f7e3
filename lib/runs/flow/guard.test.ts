import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/errors";
import { startAutomation } from "@/lib/aws/start-automation";
import { sendNotification } from "@/lib/notify/send-notification";
import { previewNotification } from "@/lib/notify/preview-notification";
import { wordForResult } from "@/lib/notify/compose-message";
import { approveDecision, withdrawApproval } from "@/lib/runs/approve-decision";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";
import { setRunApprovers } from "@/lib/runs/set-run-approvers";
import { skipItem } from "@/lib/runs/skip-item";
import { startItem } from "@/lib/runs/start-item";
import { tickItem } from "@/lib/runs/tick-item";
import { unlockItem } from "@/lib/runs/unlock-item";
import { getRunView } from "@/lib/runs/get-run-view";
import { getRunAudit } from "@/lib/audit/get-run-audit";
import { evidenceMarkdown } from "@/lib/audit/evidence-markdown";
import { evidenceItemsCsv } from "@/lib/audit/evidence-csv";
import { evidenceBundle } from "@/lib/audit/evidence-bundle";
import { eventsOf, expectRejection } from "@/test/assertions";
import { makeFlowRun, makeUser, runItemAt, SEED_SECTIONS as S } from "@/test/fixtures";
import { announceDecision, approveGo, completeUpTo } from "@/test/flow-fixtures";

const PHASE1 = "phase-1-change-preparation";
const PHASE2 = "phase-2-prechange-commencement-notice";
const BLUE = "stack-blue-0001";

let operator: Actor;
let second: Actor;
let admin: Actor;

beforeAll(async () => {
  [operator, second, admin] = await Promise.all([
    makeUser("operator"),
    makeUser("operator"),
    makeUser("admin"),
  ]);
});

const fresh = () => makeFlowRun(operator, { stackIdForPrechangeBlueStack: BLUE });
const tickAt = async (runId: string, section: string, path: string, actor = operator) => {
  const item = await runItemAt(runId, section, path);
  return tickItem({ actor, runId, itemId: item.id, version: item.version, done: true });
};
const startStep = async (runId: string, section: string, path: string) => {
  const item = await runItemAt(runId, section, path);
  return startAutomation({
    actor: operator,
    runId,
    itemId: item.id,
    confirmStackId: BLUE,
    dryRun: false,
    clickId: randomUUID(),
  });
};
/** A run whose operators have reached the decision (Phase 4), Blue-side tests done. */
async function atDecision() {
  const run = await fresh();
  await completeUpTo(operator, run.id, S.go);
  return { run, decision: await runItemAt(run.id, S.phase4, "2") };
}

describe("a fresh run of the promotion", () => {
  it("locks GO items, the DNS switch and the success announcement, each naming what it waits for", async () => {
    const run = await fresh();
    const before = (await eventsOf(run.id)).length;

    const goTask = await expectRejection(tickAt(run.id, S.go, "1.1"), DomainError);
    expect(goTask.message).toMatch(/^Item 1\.1 is locked: needs a GO decision/);

    const dns = await expectRejection(startStep(run.id, S.go, "2"), DomainError);
    expect(dns.message).toContain("needs a GO decision");
    expect(dns.message).toContain("needs “Prescale Blue side” done");

    const success = await runItemAt(run.id, S.wrapUp, "1");
    const send = await expectRejection(
      sendNotification({ actor: operator, runId: run.id, itemId: success.id }),
      DomainError,
    );
    expect(send.message).toMatch(/sent only when the result is SUCCEEDED; the result is not recorded yet/);

    const noGo = await expectRejection(tickAt(run.id, S.noGo, "1"), DomainError);
    expect(noGo.message).toContain("needs a NO GO decision or a FAILED result");

    const phase2 = await expectRejection(tickAt(run.id, PHASE2, "1.1"), DomainError);
    expect(phase2.message).toContain(
      "needs the previous phase done (“Phase 1: Change Preparation (T-4hrs before change)”)",
    );

    expect((await eventsOf(run.id)).length).toBe(before);
    expect(await db().automationExecution.count({ where: { runId: run.id } })).toBe(0);
    expect(await db().notification.count({ where: { runId: run.id } })).toBe(0);
  });

  it("offers the same answer to the page: locked items carry their reasons", async () => {
    const run = await fresh();
    const view = await getRunView({ actor: operator, number: run.number });
    const go = view.items.find(
      (i) => i.path === "1" && view.sections.find((s) => s.id === i.sectionId)?.key === S.go,
    )!;
    expect(view.availability[go.id]).toMatchObject({
      available: false,
      reasons: expect.arrayContaining([{ kind: "branch", text: "needs a GO decision" }]),
    });
    const first = view.items[0]!;
    expect(view.availability[first.id]).toMatchObject({ available: true, reasons: [] });
  });

  it("refuses stopwatch starts and skips of a locked item too", async () => {
    const run = await fresh();
    const watch = await runItemAt(run.id, S.phase3, "4");
    const start = await expectRejection(
      startItem({ actor: operator, runId: run.id, itemId: watch.id, version: watch.version }),
      DomainError,
    );
    expect(start.message).toContain("needs the previous phase done");
    const skip = await expectRejection(
      skipItem({ actor: operator, runId: run.id, itemId: watch.id, version: watch.version, reason: "n/a" }),
      DomainError,
    );
    expect(skip.message).toContain("needs the previous phase done");
  });
});

describe("automation steps are ticked by running them", () => {
  it("refuses a hand tick, and accepts 'done outside Runsheet' only with a note, flagged as manual evidence", async () => {
    const run = await fresh();
    await completeUpTo(operator, run.id, PHASE1);
    const backup = await runItemAt(run.id, PHASE1, "1");
    const ref = { actor: operator, runId: run.id, itemId: backup.id, version: backup.version };
    const hand = await expectRejection(tickItem({ ...ref, done: true }), DomainError);
    expect(hand.message).toMatch(/ticked by running it/);
    await expectRejection(tickItem({ ...ref, done: true, doneOutside: { note: "  " } }), ValidationError);
    expect((await runItemAt(run.id, PHASE1, "1")).state).toBe("open");

    await tickItem({
      ...ref,
      done: true,
      doneOutside: { note: "Started the backup in the AWS console, job 42" },
    });
    const done = await runItemAt(run.id, PHASE1, "1");
    expect(done).toMatchObject({ state: "done", note: "Started the backup in the AWS console, job 42" });
    const event = (await eventsOf(run.id)).at(-1)!;
    expect(event).toMatchObject({ action: "item.ticked", itemId: backup.id });
    expect(event.payload).toMatchObject({
      manualEvidence: true,
      doneOutside: "Started the backup in the AWS console, job 42",
    });
  });

  it("refuses the CloudFormation update until the backup is done, even when the phases before are finished", async () => {
    const run = await fresh();
    await completeUpTo(operator, run.id, PHASE1);
    const backup = await runItemAt(run.id, PHASE1, "1");
    await skipItem({
      actor: operator,
      runId: run.id,
      itemId: backup.id,
      version: backup.version,
      reason: "Vault offline",
    });
    await completeUpTo(operator, run.id, S.phase3);
    await tickAt(run.id, S.phase3, "1");
    const update = await expectRejection(startStep(run.id, S.phase3, "3"), DomainError);
    expect(update.message).toBe(
      "Item 3 is locked: needs “At T-4hrs - Kick-off special pre-change backup” done.",
    );
  });
});

describe("out of order", () => {
  it("needs runs.decide and a reason, lifts order and dependencies only, and flags the later tick", async () => {
    const run = await fresh();
    const item = await runItemAt(run.id, PHASE2, "1");
    const ref = { runId: run.id, itemId: item.id, version: item.version };
    await expectRejection(
      unlockItem({ actor: await makeUser("auditor"), ...ref, reason: "x" }),
      ForbiddenError,
    );
    await expectRejection(unlockItem({ actor: admin, ...ref, reason: " " }), ValidationError);
    await unlockItem({ actor: admin, ...ref, reason: "Backup is running late; the notice cannot wait" });
    const unlocked = (await eventsOf(run.id)).at(-1)!;
    expect(unlocked).toMatchObject({ action: "item.unlocked", actorId: admin.id });
    expect(unlocked.payload).toMatchObject({
      override: true,
      reason: "Backup is running late; the notice cannot wait",
    });

    // The sub-items follow their parent.
    await tickAt(run.id, PHASE2, "1.1");
    expect((await eventsOf(run.id)).at(-1)!.payload).toMatchObject({ outOfOrder: true });

    const go = await runItemAt(run.id, S.go, "1.1");
    const branch = await expectRejection(
      unlockItem({ actor: admin, runId: run.id, itemId: go.id, version: go.version, reason: "hurry" }),
      DomainError,
    );
    expect(branch.message).toContain("Only the order of the run can be overridden");
  });
});

describe("the audit view and every export flag overrides and manual evidence", () => {
  it("shows who overrode the order and why, the out-of-order tick, and a step done outside Runsheet", async () => {
    const run = await fresh();
    await completeUpTo(operator, run.id, PHASE1);
    const backup = await runItemAt(run.id, PHASE1, "1");
    await tickItem({
      actor: operator,
      runId: run.id,
      itemId: backup.id,
      version: backup.version,
      done: true,
      doneOutside: { note: "Backup job 42 started by hand" },
    });
    const watch = await runItemAt(run.id, S.phase3, "4");
    await unlockItem({
      actor: admin,
      runId: run.id,
      itemId: watch.id,
      version: watch.version,
      reason: "Stack update already running",
    });
    await tickAt(run.id, S.phase3, "4");

    const audit = await getRunAudit({ actor: admin, number: run.number });
    expect(audit.flags[backup.id]).toEqual([
      {
        kind: "manual_evidence",
        text: `MANUAL EVIDENCE: done outside Runsheet by @${operator.handle}: Backup job 42 started by hand`,
      },
    ]);
    expect(audit.flags[watch.id]!.map((f) => f.kind)).toEqual(["override", "out_of_order"]);
    expect(audit.flags[watch.id]![0]!.text).toBe(
      `OVERRIDE: started out of order by @${admin.handle}: Stack update already running`,
    );
    const markdown = evidenceMarkdown(audit);
    expect(markdown).toContain("MANUAL EVIDENCE: done outside Runsheet");
    expect(markdown).toContain("OVERRIDE: started out of order");
    expect(evidenceItemsCsv(audit)).toContain("OUT OF ORDER: item.ticked");
    expect(evidenceBundle(audit, new Date()).flags[watch.id]).toHaveLength(2);
  });
});

describe("Go/No-Go approvals", () => {
  it("records GO only when two distinct people approve, each with a rationale, and signs the plan", async () => {
    const { run, decision } = await atDecision();
    const vote = (actor: Actor, rationale = "Blue side tests green") =>
      approveDecision({ actor, runId: run.id, itemId: decision.id, vote: "GO", rationale });

    const alone = await expectRejection(
      decideGoNoGo({
        actor: operator,
        runId: run.id,
        itemId: decision.id,
        decision: "GO",
        rationale: "mine",
      }),
      DomainError,
    );
    expect(alone.message).toMatch(/GO needs the approval of 2 people/);
    await expectRejection(vote(operator, "  "), ValidationError);

    expect(await vote(operator)).toMatchObject({ decided: false, goVotes: 1, quorum: 2 });
    const twice = await expectRejection(vote(operator, "again"), ValidationError);
    expect(twice.message).toMatch(/already voted/);
    expect(await db().runApproval.count({ where: { runId: run.id } })).toBe(1);
    expect(await db().runDecision.count({ where: { runId: run.id } })).toBe(0);

    const done = await vote(second, "Metrics steady");
    expect(done).toMatchObject({ decided: true, goVotes: 2 });
    const recorded = await db().runDecision.findFirstOrThrow({ where: { runId: run.id } });
    expect(recorded).toMatchObject({ decision: "GO", decidedById: second.id });
    expect(recorded.planSha256).toMatch(/^[0-9a-f]{64}$/);
    const event = (await eventsOf(run.id)).find((e) => e.action === "decision.recorded")!;
    expect(event.payload).toMatchObject({
      decision: "GO",
      signedPlan: { sha256: recorded.planSha256 },
      approvals: [{ userId: operator.id }, { userId: second.id }],
    });
    const signed = (
      event.payload as { signedPlan: { steps: { path: string }[]; announcements: { message: string }[] } }
    ).signedPlan;
    // Prescale, DNS switch and post-cutover tests, and the backoff a failure would need.
    expect(signed.steps.map((s) => s.path)).toEqual(["1", "2", "3", "3"]);
    expect(signed.announcements.map((a) => a.message)).toContain(
      "Changeset 4.3 was successfully deployed to the Production environment for the Andromeda system.",
    );

    // GO opens the GO branch once announced; the DNS switch still waits for the prescale.
    const early = await expectRejection(startStep(run.id, S.go, "1"), DomainError);
    expect(early.message).toContain("needs the previous phase done");
    await announceDecision(operator, run.id);
    const dns = await expectRejection(startStep(run.id, S.go, "2"), DomainError);
    expect(dns.message).toBe("Item 2 is locked: needs “Prescale Blue side” done.");
  });

  it("a NO GO vote blocks GO until it is withdrawn, and the withdrawal is audited", async () => {
    const { run, decision } = await atDecision();
    const third = await makeUser("operator");
    const vote = (actor: Actor, v: "GO" | "NO GO") =>
      approveDecision({
        actor,
        runId: run.id,
        itemId: decision.id,
        vote: v,
        rationale: `${v} from ${actor.handle}`,
      });
    await vote(second, "NO GO");
    await vote(operator, "GO");
    expect(await vote(third, "GO")).toMatchObject({ decided: false, blockedByNoGo: true, goVotes: 2 });
    await withdrawApproval({ actor: second, runId: run.id, itemId: decision.id });
    const withdrawn = (await eventsOf(run.id)).at(-1)!;
    expect(withdrawn).toMatchObject({ action: "approval.withdrawn", actorId: second.id });
    expect(withdrawn.payload).toMatchObject({ vote: "NO GO", rationale: `NO GO from ${second.handle}` });
    expect(await vote(second, "GO")).toMatchObject({ decided: true, goVotes: 3 });
  });

  it("only named approvers may vote when the run names them", async () => {
    const { run, decision } = await atDecision();
    await setRunApprovers({ actor: operator, runId: run.id, userIds: [operator.id, admin.id] });
    const refused = await expectRejection(
      approveDecision({ actor: second, runId: run.id, itemId: decision.id, vote: "GO", rationale: "ok" }),
      ForbiddenError,
    );
    expect(refused.message).toContain(`@${operator.handle}`);
    await approveGo(run.id, decision.id, [operator, admin]);
    expect(await db().runDecision.count({ where: { runId: run.id, decision: "GO" } })).toBe(1);
  });

  it("two people racing to the quorum record exactly one decision", async () => {
    const { run, decision } = await atDecision();
    const third = await makeUser("operator");
    await approveGo(run.id, decision.id, [operator]);
    await Promise.allSettled(
      [second, third].map((actor) =>
        approveDecision({ actor, runId: run.id, itemId: decision.id, vote: "GO", rationale: "race" }),
      ),
    );
    expect(await db().runDecision.count({ where: { runId: run.id } })).toBe(1);
    expect((await eventsOf(run.id)).filter((e) => e.action === "decision.recorded")).toHaveLength(1);
  });
});

describe("results and the words sent", () => {
  it("chooses the failure wording from the result and never sends the literal choice", async () => {
    const message = "Changeset 4.4 failed_or_was a no-go to deploy to the Production environment";
    expect(wordForResult(message, "FAILED").text).toBe(
      "Changeset 4.4 failed to deploy to the Production environment",
    );
    expect(wordForResult(message, "NO GO").text).toBe(
      "Changeset 4.4 was a no-go to deploy to the Production environment",
    );
    expect(wordForResult(message, null).ready).toBe(false);
  });

  it("after NO GO, skips the success items with the reason, opens the failure announcement worded 'was a no-go'", async () => {
    const { run, decision } = await atDecision();
    await decideGoNoGo({
      actor: operator,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "Tests red",
    });
    const success = await runItemAt(run.id, S.wrapUp, "1");
    expect(success).toMatchObject({ state: "skipped", note: "Not applicable: the result is NO GO." });
    expect(await runItemAt(run.id, S.wrapUp, "1.1")).toMatchObject({ state: "skipped" });
    expect(await runItemAt(run.id, S.closing, "1")).toMatchObject({ state: "skipped" });
    const refused = await expectRejection(
      sendNotification({ actor: operator, runId: run.id, itemId: success.id }),
      DomainError,
    );
    expect(refused.message).toMatch(/sent only when the result is SUCCEEDED; the result is NO GO/);

    const failure = await runItemAt(run.id, S.wrapUp, "2.1");
    const preview = await previewNotification({ actor: operator, runId: run.id, itemId: failure.id });
    expect(preview.message).toBe(
      "Changeset 4.3 was a no-go to deploy to the Production environment for the Andromeda system.",
    );
    expect(preview.missing).toEqual([]);
  });
});
