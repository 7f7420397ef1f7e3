import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { expectRejection } from "@/test/assertions";
import { recordItem } from "@/lib/runs/record-item";
import { makeFlowRun, makeUser, runItemAt, SEED_SECTIONS } from "@/test/fixtures";
import { completeUpTo, decideGo, workItem } from "@/test/flow-fixtures";
import {
  BLUE_LB_DNS,
  BLUE_STACK_ID,
  GREEN_STACK_ID,
  fakeAwsEnv,
  startFakeAws,
  type FakeAws,
} from "@/test/fakes/aws";
import { startAutomation } from "@/lib/aws/start-automation";
import { planAutomation } from "@/lib/aws/plan-automation";
import { abandonExecutions, executionSettled, resumeAutomations } from "@/lib/aws/executor";

const PHASE1 = "phase-1-change-preparation";
const { phase3: PHASE3, go: GO } = SEED_SECTIONS;

let fake: FakeAws;
let operator: Actor;
let second: Actor;
let runId: string;
const saved = { ...process.env };

beforeAll(async () => {
  [operator, second] = await Promise.all([makeUser("operator"), makeUser("operator")]);
});

beforeEach(async () => {
  fake = await startFakeAws();
  Object.assign(process.env, fakeAwsEnv(fake), {
    AWS_POLL_INTERVAL_MS: "10",
    AWS_REQUEST_TIMEOUT_MS: "400",
    AWS_MAX_ATTEMPTS: "4",
  });
  const run = await makeFlowRun(operator, {
    stackIdForPrechangeBlueStack: BLUE_STACK_ID,
    stackIdForPrechangeGreenStack: GREEN_STACK_ID,
  });
  runId = run.id;
});

/**
 * Brings the run to where a step of `section` can run, as its operators would have: the
 * phases before done (steps before it done outside Runsheet), the container version
 * recorded, and for the GO steps a GO by two approvers (and the prescale before the DNS switch).
 */
async function reach(section: string, path: string) {
  const work = async (s: string, p: string) => {
    const item = await runItemAt(runId, s, p);
    if (item.state === "open") await workItem(operator, item);
  };
  await completeUpTo(operator, runId, section === GO ? PHASE3 : section);
  if (section === PHASE1) return;
  await work(PHASE3, "1");
  const field = await runItemAt(runId, PHASE3, "2.1");
  if (field.state === "open")
    await recordItem({ actor: operator, runId, itemId: field.id, version: field.version, value: "4.3.0" });
  await work(PHASE3, "2");
  if (section === PHASE3) return;
  await work(PHASE3, "3");
  await work(PHASE3, "4");
  await completeUpTo(operator, runId, GO);
  if (!(await db().runDecision.count({ where: { runId } }))) {
    const decision = await runItemAt(runId, SEED_SECTIONS.phase4, "2");
    await decideGo({ actor: operator, second, runId, itemId: decision.id, rationale: "Blue side is green" });
  }
  if (path === "2") await work(GO, "1");
}

afterEach(async () => {
  abandonExecutions();
  await fake.close();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

async function start(
  section: string,
  path: string,
  extra: Partial<Parameters<typeof startAutomation>[1]> = {},
  actor = operator,
) {
  await reach(section, path);
  const item = await runItemAt(runId, section, path);
  return startAutomation(actor, {
    runId,
    itemId: item.id,
    confirmStackId: BLUE_STACK_ID,
    dryRun: false,
    clickId: randomUUID(),
    ...extra,
  });
}

async function finished(id: string) {
  await executionSettled(id);
  return db().automationExecution.findUniqueOrThrow({ where: { id } });
}

const evidenceOf = (row: { evidence: unknown }) => row.evidence as Record<string, unknown>;

describe("automation steps against the fake AWS", () => {
  it("backup: starts the named job, waits for COMPLETED and ticks the item with the job id", async () => {
    const ex = await finished((await start(PHASE1, "1")).id);
    expect(ex.status).toBe("succeeded");
    const job = [...fake.backupJobs.values()][0]!;
    expect(job.input).toMatchObject({
      BackupVaultName: "production-vault",
      RecoveryPointTags: { Name: "Production Pre-changeset 4.3 Backup" },
      IdempotencyToken: `runsheet-${ex.id}`,
    });
    expect(evidenceOf(ex)).toMatchObject({ backupJobId: job.id, state: "COMPLETED" });
    expect(fake.applied.StartBackupJob).toBe(1);
    const item = await runItemAt(runId, PHASE1, "1");
    expect(item.state).toBe("done");
    const tick = await db().auditEvent.findFirstOrThrow({
      where: { runId, itemId: item.id, action: "item.ticked" },
    });
    expect(tick.payload).toMatchObject({ executionId: ex.id, evidence: { backupJobId: job.id } });
  });

  it("CloudFormation: changes only ContainerVersion, waits for UPDATE_COMPLETE and times the stopwatch from the submit", async () => {
    const ex = await finished((await start(PHASE3, "3")).id);
    expect(ex.status).toBe("succeeded");
    expect(fake.stack(BLUE_STACK_ID).parameters).toEqual({
      ContainerVersion: "4.3.0",
      DesiredCount: "2",
      Environment: "production",
    });
    const evidence = evidenceOf(ex);
    expect(evidence).toMatchObject({ stackStatus: "UPDATE_COMPLETE", previousContainerVersion: "4.2.0" });
    expect((evidence.events as { status: string }[]).map((e) => e.status)).toContain("UPDATE_COMPLETE");
    expect((await runItemAt(runId, PHASE3, "3")).state).toBe("done");
    const watch = await runItemAt(runId, PHASE3, "4");
    expect(watch.state).toBe("done");
    expect(watch.startedAt?.toISOString()).toBe(evidence.submittedAt);
    expect(watch.elapsedMs).toBe(
      Date.parse(String(evidence.completedAt)) - Date.parse(String(evidence.submittedAt)),
    );
  });

  it("retries throttling and a lost answer, yet updates the stack exactly once", async () => {
    fake.fail("DescribeStacks", { type: "throttle", times: 2 });
    fake.fail("UpdateStack", { type: "timeout", afterApply: true });
    const ex = await finished((await start(PHASE3, "3")).id);
    expect(ex.status).toBe("succeeded");
    // The SDK resent the UpdateStack whose answer was lost; the token made the resend a no-op.
    expect(fake.calls.UpdateStack).toBe(2);
    expect(fake.applied.UpdateStack).toBe(1);
  });

  it("gives up after the SDK's attempts on a throttled UpdateStack and offers a Retry", async () => {
    fake.fail("UpdateStack", { type: "throttle", times: 4 });
    const failed = await finished((await start(PHASE3, "3")).id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/Rate exceeded/);
    expect(fake.calls.UpdateStack).toBe(4);
    expect(fake.applied.UpdateStack).toBeUndefined();
    const retried = await finished((await start(PHASE3, "3")).id);
    expect(retried.status).toBe("succeeded");
    expect(fake.applied.UpdateStack).toBe(1);
  });

  it("retries a 500 from Backup (REST-JSON) and throttling from Route 53 (REST-XML)", async () => {
    fake.fail("StartBackupJob", { type: "500", afterApply: true });
    fake.fail("GetChange", { type: "throttle", times: 2 });
    const backup = await finished((await start(PHASE1, "1")).id);
    expect(backup.status).toBe("succeeded");
    expect(fake.calls.StartBackupJob).toBe(2);
    expect(fake.applied.StartBackupJob).toBe(1);
    // The backup above ran for real; the rest of the way to the DNS switch is done by hand.
    const dns = await finished((await start(GO, "2")).id);
    expect(dns.status).toBe("succeeded");
    expect(fake.calls.ChangeResourceRecordSets).toBe(1);
    expect(fake.calls.GetChange).toBeGreaterThan(2);
  });

  it("ten concurrent clicks on update stack make one UpdateStack call", async () => {
    await reach(PHASE3, "3");
    const item = await runItemAt(runId, PHASE3, "3");
    const click = randomUUID();
    const input = (clickId: string) => ({
      runId,
      itemId: item.id,
      confirmStackId: BLUE_STACK_ID,
      dryRun: false,
      clickId,
    });
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => startAutomation(operator, input(click))),
      ...Array.from({ length: 5 }, () => startAutomation(operator, input(randomUUID()))),
    ]);
    const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : [])));
    expect(ids.size).toBe(1);
    for (const r of results)
      if (r.status === "rejected") expect(String(r.reason)).toMatch(/already been started/);
    expect(await finished([...ids][0]!)).toMatchObject({ status: "succeeded" });
    expect(fake.calls.UpdateStack).toBe(1);
    expect(await db().automationExecution.count({ where: { itemId: item.id } })).toBe(1);
  });

  it("a rollback is a failure that keeps the stack's events", async () => {
    fake.stack(BLUE_STACK_ID).outcome = "UPDATE_ROLLBACK_COMPLETE";
    const ex = await finished((await start(PHASE3, "3")).id);
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/UPDATE_ROLLBACK_COMPLETE/);
    const events = evidenceOf(ex).events as { status: string; reason?: string }[];
    expect(events).toContainEqual(
      expect.objectContaining({ status: "UPDATE_FAILED", reason: expect.stringMatching(/health checks/) }),
    );
    expect((await runItemAt(runId, PHASE3, "3")).state).toBe("open");
    expect((await runItemAt(runId, PHASE3, "4")).state).toBe("open");
    const failedEvent = await db().auditEvent.findFirst({ where: { runId, action: "automation.failed" } });
    expect(failedEvent?.payload).toMatchObject({ executionId: ex.id });
  });

  it("Auto Scaling: prescales Blue to Green's desired size and waits for InService", async () => {
    const ex = await finished((await start(GO, "1")).id);
    expect(ex.status).toBe("succeeded");
    expect(fake.groups.get("andromeda-blue-asg")).toMatchObject({ min: 6, desired: 6, inService: 6 });
    expect(evidenceOf(ex)).toMatchObject({
      target: 6,
      green: { name: "andromeda-green-asg", desired: 6 },
      blueBefore: { desired: 2 },
      blue: { desired: 6, inService: 6 },
    });
    expect((await runItemAt(runId, GO, "1")).state).toBe("done");
    expect((await runItemAt(runId, GO, "1.3")).state).toBe("done");
  });

  it("Route 53: points the record at Blue's load balancer and waits for INSYNC", async () => {
    const ex = await finished((await start(GO, "2")).id);
    expect(ex.status).toBe("succeeded");
    expect(fake.records.get("andromeda.abccompany.com")).toBe(BLUE_LB_DNS);
    expect(evidenceOf(ex)).toMatchObject({ changeStatus: "INSYNC", aliasTo: BLUE_LB_DNS });
    expect(String(evidenceOf(ex).changeId)).toMatch(/^\/change\/C/);
    expect((await runItemAt(runId, GO, "2")).state).toBe("done");
  });

  it("post-cutover tests: a pass ticks the item; a failure ticks 'If tests failed' and fails the run", async () => {
    const passed = await finished((await start(GO, "3")).id);
    expect(passed.status).toBe("succeeded");
    expect(fake.tests.bodies[0]).toMatchObject({ blueStackId: BLUE_STACK_ID, changesetVersion: "4.3" });

    const other = await makeFlowRun(operator, { stackIdForPrechangeBlueStack: BLUE_STACK_ID });
    runId = other.id;
    fake.tests.passed = false;
    const failed = await finished((await start(GO, "3")).id);
    expect(failed.status).toBe("failed");
    expect((await runItemAt(runId, GO, "3")).state).toBe("done");
    expect((await runItemAt(runId, GO, "4")).state).toBe("done");
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).result).toBe("FAILED");
  });

  it("a dry run returns the calls and calls nothing", async () => {
    const ex = await start(PHASE3, "3", { dryRun: true });
    expect(ex).toMatchObject({ dryRun: true, status: "succeeded" });
    expect(ex.calls.map((c) => c.operation)).toEqual(["DescribeStacks", "UpdateStack", "DescribeStacks"]);
    expect(ex.calls[1]!.input).toMatchObject({ StackName: BLUE_STACK_ID, UsePreviousTemplate: true });
    await executionSettled(ex.id);
    expect(fake.calls).toEqual({});
    expect((await runItemAt(runId, PHASE3, "3")).state).toBe("open");
    // A dry run does not use up the step.
    expect((await finished((await start(PHASE3, "3")).id)).status).toBe("succeeded");
  });

  it("refuses a confirmation naming another stack, an auditor, and a run without a Blue stack", async () => {
    await expect(start(PHASE3, "3", { confirmStackId: GREEN_STACK_ID })).rejects.toThrow(DomainError);
    await expect(start(PHASE3, "3", {}, await makeUser("auditor"))).rejects.toThrow(ForbiddenError);
    const item = await runItemAt(runId, PHASE3, "3");
    await expect(planAutomation(await makeUser("auditor"), { runId, itemId: item.id })).rejects.toThrow(
      ForbiddenError,
    );
    runId = (await makeFlowRun(operator)).id;
    await expect(start(PHASE3, "3")).rejects.toThrow(/Blue Stack/);
    expect(await db().automationExecution.count({ where: { itemId: item.id } })).toBe(0);
    expect(fake.calls).toEqual({});
  });

  it("the plan names the stack and what is missing", async () => {
    const item = await runItemAt(runId, PHASE1, "1");
    delete process.env.AWS_BACKUP_VAULT;
    const plan = await planAutomation(operator, { runId, itemId: item.id });
    expect(plan).toMatchObject({ kind: "backup", blueStackId: BLUE_STACK_ID, missing: ["AWS_BACKUP_VAULT"] });
    await expect(start(PHASE1, "1")).rejects.toThrow(/AWS_BACKUP_VAULT/);
  });

  it("after a restart, monitoring resumes and completes without submitting again", async () => {
    fake.pollsToComplete = 1_000_000;
    const ex = await start(PHASE3, "3");
    const row = () => db().automationExecution.findUniqueOrThrow({ where: { id: ex.id } });
    await expect
      .poll(async () => (await row()).evidence?.valueOf(), { timeout: 10_000 })
      .toMatchObject({
        stackStatus: "UPDATE_IN_PROGRESS",
      });
    abandonExecutions();
    expect((await row()).status).toBe("running");
    fake.stack(BLUE_STACK_ID).pollsLeft = 2;
    expect(await resumeAutomations()).toContain(ex.id);
    const done = await finished(ex.id);
    expect(done.status).toBe("succeeded");
    expect(fake.calls.UpdateStack).toBe(1);
    expect((await runItemAt(runId, PHASE3, "4")).state).toBe("done");
  });

  it("a GO step whose plan changed after the GO decision signed it is refused until a new decision signs it", async () => {
    await reach(GO, "1");
    const signed = await db().runDecision.findFirstOrThrow({ where: { runId } });
    expect(signed.planSha256).toMatch(/^[0-9a-f]{64}$/);
    process.env.AWS_ASG_BLUE = "andromeda-blue-asg-replaced";
    const refused = await expectRejection(start(GO, "1"), DomainError);
    expect(refused.message).toMatch(/^The plan of item 1 changed since the GO decision signed it/);
    expect(fake.calls).toEqual({});
  });
});
