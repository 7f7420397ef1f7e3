import { describe, expect, it } from "vitest";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();
const blue = () => h.fake.groups.get("andromeda-blue-asg")!;
const green = () => h.fake.groups.get("andromeda-green-asg")!;

describe("ASG prescale against the strict fake", () => {
  it("never scales Blue in: the target is the larger of Green's and Blue's desired", async () => {
    Object.assign(blue(), { min: 8, desired: 8, inService: 8 });
    const ex = await h.run("prescale");
    expect(ex.status).toBe("succeeded");
    expect(blue()).toMatchObject({ desired: 8, inService: 8 });
    expect(evidenceOf(ex)).toMatchObject({ target: 8, blueBefore: { desired: 8, min: 8, max: 10 } });
  });

  it("refuses a target below 1 and changes nothing", async () => {
    Object.assign(green(), { min: 0, desired: 0, inService: 0 });
    Object.assign(blue(), { min: 0, desired: 0, inService: 0 });
    const ex = await h.run("prescale");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/at least 1 — saw Green desired 0, Blue desired 0/);
    expect(h.fake.calls.UpdateAutoScalingGroup).toBeUndefined();
  });

  it("records Blue's sizes before the update, and waits for healthy targets in Blue's target group", async () => {
    h.fake.targetGroups.get([...h.fake.targetGroups.keys()][0]!)!.healthLag = 8;
    const ex = await h.run("prescale");
    expect(ex.status).toBe("succeeded");
    expect(evidenceOf(ex)).toMatchObject({ blueBefore: { desired: 2, min: 2 }, healthyTargets: 6 });
    expect(h.fake.calls.DescribeTargetHealth).toBeGreaterThanOrEqual(8);
  });

  it("fails on a Failed scaling activity instead of polling until the monitor timeout", async () => {
    blue().launchFailure =
      "We currently do not have sufficient m5.large capacity in the Availability Zone you requested.";
    const started = Date.now();
    const ex = await h.run("prescale");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/Failed — .*sufficient m5.large capacity/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(evidenceOf(ex).failedActivities).toHaveLength(1);
  });

  it("a MaxSize below the target is raised, so the update is valid (Min ≤ Desired ≤ Max)", async () => {
    Object.assign(blue(), { max: 4 });
    const ex = await h.run("prescale");
    expect(ex.status).toBe("succeeded");
    expect(blue()).toMatchObject({ min: 6, desired: 6, max: 6 });
  });
});
