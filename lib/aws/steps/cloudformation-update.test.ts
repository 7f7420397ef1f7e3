import { describe, expect, it } from "vitest";
import { BLUE_STACK_ID } from "@/test/fakes/aws";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();
const blue = () => h.fake.stack(BLUE_STACK_ID);

describe("CloudFormation update against the strict fake", () => {
  it("is not fooled by a stale UPDATE_COMPLETE: success is its own token's stack event", async () => {
    await h.run("backup");
    // DescribeStacks is eventually consistent: the first describes after UpdateStack still say UPDATE_COMPLETE.
    const original = h.fake.pollsToComplete;
    h.fake.pollsToComplete = 4;
    blue().staleDescribes = 3;
    const ex = await h.run("cloudformation");
    h.fake.pollsToComplete = original;
    expect(ex.status).toBe("succeeded");
    expect(blue().status).toBe("UPDATE_COMPLETE");
    const events = evidenceOf(ex).events as { status: string; stackLevel: boolean }[];
    expect(events.find((e) => e.stackLevel)?.status).toBe("UPDATE_COMPLETE");
    expect(events.some((e) => e.status === "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")).toBe(true);
  });

  it("refuses a stack that is not in a stable *_COMPLETE state, and keeps what it saw", async () => {
    await h.run("backup");
    blue().status = "UPDATE_ROLLBACK_FAILED";
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/stable \*_COMPLETE state — saw UPDATE_ROLLBACK_FAILED/);
    expect(evidenceOf(ex)).toMatchObject({ stackStatusBefore: "UPDATE_ROLLBACK_FAILED" });
    expect(h.fake.calls.UpdateStack).toBeUndefined();
  });

  it("refuses without the backup's recovery point, and checks it with DescribeRecoveryPoint", async () => {
    const none = await h.run("cloudformation");
    expect(none.status).toBe("failed");
    expect(none.error).toMatch(/no recovery point recorded by this run's backup step/);
    expect(h.fake.calls.UpdateStack).toBeUndefined();

    // The backup above was done outside Runsheet, as the gate allows; this time it runs here.
    await h.newRun();
    const backup = await h.run("backup");
    const ok = await h.run("cloudformation");
    expect(ok.status).toBe("succeeded");
    expect(h.fake.calls.DescribeRecoveryPoint).toBe(1);
    expect(evidenceOf(ok)).toMatchObject({ recoveryPointArn: evidenceOf(backup).recoveryPointArn });
  });

  it("a parameter that already has the value is done, not an error", async () => {
    await h.run("backup");
    blue().parameters.ContainerVersion = "4.3.0";
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("succeeded");
    expect(evidenceOf(ex).alreadyDone).toMatch(/already 4.3.0/);
    expect(h.fake.applied.UpdateStack).toBeUndefined();
  });

  it("a Retry adopts the update an earlier attempt started, by its token, instead of failing on UPDATE_IN_PROGRESS", async () => {
    await h.run("backup");
    h.fake.pollsToComplete = 6;
    // Every attempt's answer is lost although the first took effect: the SDK gives up, the step fails.
    h.fake.fail("UpdateStack", { type: "timeout", afterApply: true, times: 4 });
    const first = await h.run("cloudformation");
    expect(first.status).toBe("failed");
    expect(blue().status).toBe("UPDATE_IN_PROGRESS");
    const retry = await h.run("cloudformation");
    expect(retry.status).toBe("succeeded");
    expect(evidenceOf(retry)).toMatchObject({ token: `runsheet-${first.id}` });
    expect(evidenceOf(retry).adopted).toMatch(/this item started earlier/);
    expect(h.fake.applied.UpdateStack).toBe(1);
  });

  it("does not adopt an update someone else started", async () => {
    await h.run("backup");
    Object.assign(blue(), {
      status: "UPDATE_IN_PROGRESS",
      pollsLeft: 1_000,
      tokens: ["Console-UpdateStack-someone"],
    });
    blue().events.unshift({
      id: "e1",
      at: new Date(),
      logicalResourceId: blue().name,
      resourceType: "AWS::CloudFormation::Stack",
      status: "UPDATE_IN_PROGRESS",
      token: "Console-UpdateStack-someone",
    });
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/saw UPDATE_IN_PROGRESS/);
    expect(h.fake.applied.UpdateStack).toBeUndefined();
  });

  it("a rollback that itself fails ends the step UPDATE_ROLLBACK_FAILED, after passing through UPDATE_ROLLBACK_IN_PROGRESS", async () => {
    await h.run("backup");
    blue().outcome = "UPDATE_ROLLBACK_FAILED";
    const ex = await h.run("cloudformation");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/ended UPDATE_ROLLBACK_FAILED/);
    const statuses = (evidenceOf(ex).events as { status: string }[]).map((e) => e.status);
    expect(statuses).toContain("UPDATE_ROLLBACK_IN_PROGRESS");
    // The stack is now stuck: a Retry refuses before calling UpdateStack again.
    const retry = await h.run("cloudformation");
    expect(retry.error).toMatch(/saw UPDATE_ROLLBACK_FAILED/);
    expect(h.fake.calls.UpdateStack).toBe(1);
  });
});
