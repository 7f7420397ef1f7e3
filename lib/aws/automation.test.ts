import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { makeFlowRun, makeUser } from "@/test/fixtures";
import { BLUE_LB_DNS, BLUE_STACK_ID, GREEN_STACK_ID, RECORD_NAME } from "@/test/fakes/aws";
import { evidenceOf, finished, setupAwsRun } from "@/test/aws-harness";
import { startAutomation } from "@/lib/aws/start-automation";
import { planAutomation } from "@/lib/aws/plan-automation";
import { abandonExecutions, resumeAutomations } from "@/lib/aws/executor";

const h = setupAwsRun();

describe("automation steps against the strict fake AWS", () => {
  it("backup: starts the named job with windows and a lifecycle, waits for COMPLETED and ticks the item", async () => {
    const ex = await h.run("backup");
    expect(ex.status).toBe("succeeded");
    const job = [...h.fake.backupJobs.values()][0]!;
    expect(job.input).toMatchObject({
      BackupVaultName: "production-vault",
      RecoveryPointTags: { Name: "Production Pre-changeset 4.3 Backup" },
      IdempotencyToken: `runsheet-${ex.id}`,
      StartWindowMinutes: 60,
      CompleteWindowMinutes: 360,
      Lifecycle: { DeleteAfterDays: 35 },
    });
    expect(evidenceOf(ex)).toMatchObject({ backupJobId: job.id, state: "COMPLETED" });
    expect(h.fake.applied.StartBackupJob).toBe(1);
    const item = await h.item("backup");
    expect(item.state).toBe("done");
    const tick = await db().auditEvent.findFirstOrThrow({
      where: { runId: h.runId, itemId: item.id, action: "item.ticked" },
    });
    expect(tick.payload).toMatchObject({ executionId: ex.id, evidence: { backupJobId: job.id } });
  });

  it("CloudFormation: changes only ContainerVersion, waits for its UPDATE_COMPLETE and times the stopwatch from the submit", async () => {
    await h.run("backup");
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.stack(BLUE_STACK_ID).parameters).toEqual({
      ContainerVersion: "4.3.0",
      DesiredCount: "2",
      Environment: "production",
    });
    const evidence = evidenceOf(ex);
    expect(evidence).toMatchObject({ stackStatus: "UPDATE_COMPLETE", previousContainerVersion: "4.2.0" });
    expect((evidence.events as { status: string }[]).map((e) => e.status)).toContain("UPDATE_COMPLETE");
    expect((await h.item("cloudformation")).state).toBe("done");
    const watch = await h.item("cloudformationWatch");
    expect(watch.state).toBe("done");
    expect(watch.startedAt?.toISOString()).toBe(evidence.submittedAt);
    expect(watch.elapsedMs).toBe(
      Date.parse(String(evidence.completedAt)) - Date.parse(String(evidence.submittedAt)),
    );
  });

  it("retries throttling and a lost answer, yet updates the stack exactly once", async () => {
    await h.run("backup");
    h.fake.fail("DescribeStacks", { type: "throttle", times: 2 });
    h.fake.fail("UpdateStack", { type: "timeout", afterApply: true });
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("succeeded");
    // The SDK resent the UpdateStack whose answer was lost; CloudFormation refused the token
    // it already had, and the step followed the update that token had started.
    expect(h.fake.calls.UpdateStack).toBe(2);
    expect(h.fake.applied.UpdateStack).toBe(1);
    expect(evidenceOf(ex).adopted).toMatch(/already had this token/);
  });

  it("gives up after the SDK's attempts on a throttled UpdateStack and offers a Retry", async () => {
    await h.run("backup");
    h.fake.fail("UpdateStack", { type: "throttle", times: 4 });
    const failed = await h.run("cloudformation");
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/Rate exceeded/);
    expect(h.fake.calls.UpdateStack).toBe(4);
    expect(h.fake.applied.UpdateStack).toBeUndefined();
    const retried = await h.run("cloudformation");
    expect(retried.status).toBe("succeeded");
    expect(h.fake.applied.UpdateStack).toBe(1);
  });

  it("retries a 500 from Backup (REST-JSON) and throttling from Route 53 (REST-XML)", async () => {
    h.fake.fail("StartBackupJob", { type: "500", afterApply: true });
    h.fake.fail("GetChange", { type: "throttle", times: 2 });
    const backup = await h.run("backup");
    expect(backup.status).toBe("succeeded");
    expect(h.fake.calls.StartBackupJob).toBe(2);
    expect(h.fake.applied.StartBackupJob).toBe(1);
    await h.run("prescale");
    const dns = await h.run("dns");
    expect(dns.status).toBe("succeeded");
    expect(h.fake.calls.ChangeResourceRecordSets).toBe(1);
    expect(h.fake.calls.GetChange).toBeGreaterThan(2);
  });

  it("ten concurrent clicks on update stack make one UpdateStack call", async () => {
    await h.run("backup");
    await h.reach("cloudformation");
    const item = await h.item("cloudformation");
    const click = randomUUID();
    const input = (clickId: string) => ({
      runId: h.runId,
      itemId: item.id,
      confirmStackId: BLUE_STACK_ID,
      dryRun: false,
      clickId,
    });
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => startAutomation({ actor: h.operator, ...input(click) })),
      ...Array.from({ length: 5 }, () => startAutomation({ actor: h.operator, ...input(randomUUID()) })),
    ]);
    const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : [])));
    expect(ids.size).toBe(1);
    for (const r of results)
      if (r.status === "rejected") expect(String(r.reason)).toMatch(/already been started/);
    expect(await finished([...ids][0]!)).toMatchObject({ status: "succeeded" });
    expect(h.fake.calls.UpdateStack).toBe(1);
    expect(await db().automationExecution.count({ where: { itemId: item.id } })).toBe(1);
  });

  it("a rollback is a failure that keeps the stack's events", async () => {
    await h.run("backup");
    h.fake.stack(BLUE_STACK_ID).outcome = "UPDATE_ROLLBACK_COMPLETE";
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/UPDATE_ROLLBACK_COMPLETE/);
    const events = evidenceOf(ex).events as { status: string; reason?: string }[];
    expect(events).toContainEqual(
      expect.objectContaining({ status: "UPDATE_FAILED", reason: expect.stringMatching(/health checks/) }),
    );
    expect((await h.item("cloudformation")).state).toBe("open");
    expect((await h.item("cloudformationWatch")).state).toBe("open");
    const failedEvent = await db().auditEvent.findFirst({
      where: { runId: h.runId, action: "automation.failed" },
    });
    expect(failedEvent?.payload).toMatchObject({ executionId: ex.id });
  });

  it("Auto Scaling: prescales Blue to Green's desired size and waits for InService and healthy targets", async () => {
    const ex = await h.run("prescale");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.groups.get("andromeda-blue-asg")).toMatchObject({ min: 6, desired: 6, inService: 6 });
    expect(evidenceOf(ex)).toMatchObject({
      target: 6,
      green: { name: "andromeda-green-asg", desired: 6 },
      blueBefore: { desired: 2 },
      blue: { desired: 6, inService: 6 },
      healthyTargets: 6,
    });
    expect((await h.item("prescale")).state).toBe("done");
    expect((await h.item("prescaleWatch")).state).toBe("done");
  });

  it("Route 53: after the prescale, points A and AAAA at Blue's load balancer and waits for INSYNC", async () => {
    await h.run("prescale");
    const ex = await h.run("dns");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.aliasOf(RECORD_NAME, "A")).toBe(BLUE_LB_DNS);
    expect(h.fake.aliasOf(RECORD_NAME, "AAAA")).toBe(BLUE_LB_DNS);
    expect(evidenceOf(ex)).toMatchObject({
      changeStatus: "INSYNC",
      aliasTo: BLUE_LB_DNS,
      types: ["A", "AAAA"],
    });
    expect(String(evidenceOf(ex).changeId)).toMatch(/^\/change\/C/);
    expect((await h.item("dns")).state).toBe("done");
  });

  it("post-cutover tests: a pass ticks the item; a failure ticks 'If tests failed' and fails the run", async () => {
    const passed = await h.run("tests");
    expect(passed.status).toBe("succeeded");
    expect(h.fake.tests.bodies[0]).toMatchObject({ blueStackId: BLUE_STACK_ID, changesetVersion: "4.3" });

    await h.newRun();
    h.fake.tests.passed = false;
    const failed = await h.run("tests");
    expect(failed.status).toBe("failed");
    expect((await h.item("tests")).state).toBe("done");
    expect((await h.item("testsFailed")).state).toBe("done");
    expect((await db().run.findUniqueOrThrow({ where: { id: h.runId } })).result).toBe("FAILED");
  });

  it("a dry run returns the calls and calls nothing", async () => {
    const ex = await h.start("cloudformation", { dryRun: true });
    expect(ex).toMatchObject({ dryRun: true, status: "succeeded" });
    expect(ex.calls.map((c) => c.operation)).toEqual([
      "DescribeStacks",
      "DescribeRecoveryPoint",
      "UpdateStack",
      "DescribeStackEvents",
    ]);
    expect(ex.calls[2]!.input).toMatchObject({ StackName: BLUE_STACK_ID, UsePreviousTemplate: true });
    await finished(ex.id);
    expect(h.fake.calls).toEqual({});
    expect((await h.item("cloudformation")).state).toBe("open");
    // A dry run does not use up the step.
    await h.run("backup");
    expect((await h.run("cloudformation")).status).toBe("succeeded");
  });

  it("refuses a confirmation naming another stack, an auditor, and a run without a Blue stack", async () => {
    await expect(h.start("cloudformation", { confirmStackId: GREEN_STACK_ID })).rejects.toThrow(DomainError);
    await expect(h.start("cloudformation", {}, await makeUser("auditor"))).rejects.toThrow(ForbiddenError);
    const item = await h.item("cloudformation");
    await expect(
      planAutomation({ actor: await makeUser("auditor"), runId: h.runId, itemId: item.id }),
    ).rejects.toThrow(ForbiddenError);
    h.runId = (await makeFlowRun(h.operator)).id;
    await expect(h.start("cloudformation")).rejects.toThrow(/Blue Stack/);
    expect(await db().automationExecution.count({ where: { itemId: item.id } })).toBe(0);
    expect(h.fake.calls).toEqual({});
  });

  it("the plan names the stack and what is missing", async () => {
    const item = await h.item("backup");
    delete process.env.AWS_BACKUP_VAULT;
    const plan = await planAutomation({ actor: h.operator, runId: h.runId, itemId: item.id });
    expect(plan).toMatchObject({ kind: "backup", blueStackId: BLUE_STACK_ID, missing: ["AWS_BACKUP_VAULT"] });
    await expect(h.start("backup")).rejects.toThrow(/AWS_BACKUP_VAULT/);
  });

  it("after a restart, monitoring resumes once the lease expires and completes without submitting again", async () => {
    await h.run("backup");
    h.fake.pollsToComplete = 1_000_000;
    const ex = await h.start("cloudformation");
    const row = () => db().automationExecution.findUniqueOrThrow({ where: { id: ex.id } });
    await expect
      .poll(async () => (await row()).evidence?.valueOf(), { timeout: 10_000 })
      .toMatchObject({ stackStatus: "UPDATE_IN_PROGRESS" });
    abandonExecutions();
    expect((await row()).status).toBe("running");
    h.fake.stack(BLUE_STACK_ID).pollsLeft = 2;
    await sleep(400); // the stopped executor's lease (300 ms) runs out
    expect(await resumeAutomations()).toContain(ex.id);
    const done = await finished(ex.id);
    expect(done.status).toBe("succeeded");
    expect(h.fake.calls.UpdateStack).toBe(1);
    expect((await h.item("cloudformationWatch")).state).toBe("done");
  });
});

describe("rehearsing without AWS settings", () => {
  it("a dry run works with no AWS settings at all and names the gaps in its plan", async () => {
    for (const key of Object.keys(process.env)) if (/^AWS_|^POST_CUTOVER/.test(key)) delete process.env[key];
    const backup = await h.start("backup", { dryRun: true });
    expect(backup).toMatchObject({ dryRun: true, status: "succeeded" });
    expect(backup.missing).toEqual(["AWS_BACKUP_VAULT", "AWS_BACKUP_RESOURCE_ARN", "AWS_BACKUP_ROLE_ARN"]);
    expect(backup.calls[0]!.input).toMatchObject({ BackupVaultName: "(missing AWS_BACKUP_VAULT)" });
    const dns = await h.start("dns", { dryRun: true });
    expect(dns.missing).toEqual(["AWS_ROUTE53_HOSTED_ZONE_ID", "AWS_ROUTE53_RECORD_NAME"]);
    const backoff = await h.start("backoff", { dryRun: true });
    expect(backoff.missing).toContain(
      "the Green alias targets the DNS switch records (the switch has not run)",
    );
    // A real start still refuses, naming what is missing.
    await expect(h.start("backup")).rejects.toThrow(/missing: AWS_BACKUP_VAULT/);
    expect(h.fake.calls).toEqual({});
  });
});
