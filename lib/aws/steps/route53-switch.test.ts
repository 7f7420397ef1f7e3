import { describe, expect, it } from "vitest";
import { BLUE_LB_DNS, GREEN_LB_DNS, LB_ZONE_ID, RECORD_NAME, targetGroupArn } from "@/test/fakes/aws";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();

describe("Route 53 switch against the strict fake", () => {
  it("refuses while Blue's targets are unhealthy, saying what it saw, and changes nothing", async () => {
    await h.run("prescale");
    h.fake.targetGroups.get(targetGroupArn("blue"))!.unhealthy = 6;
    const ex = await h.run("dns");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/healthy targets .* saw 0 healthy of 6 \(6 unhealthy\)/);
    expect(h.fake.calls.ChangeResourceRecordSets).toBeUndefined();
    const checks = evidenceOf(ex).checks as { check: string; ok: boolean }[];
    expect(checks.filter((c) => !c.ok)).toHaveLength(1);
    expect((await h.item("dns")).state).toBe("open");
  });

  it("refuses when Blue has fewer InService instances than Green", async () => {
    const ex = await h.run("dns");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/saw Blue 2 InService, Green 6/);
    expect(h.fake.aliasOf(RECORD_NAME)).toBe(`dualstack.${GREEN_LB_DNS}`);
  });

  it("refuses when the record no longer points at Green", async () => {
    await h.run("prescale");
    for (const s of h.fake.recordSets)
      s.alias = {
        hostedZoneId: LB_ZONE_ID,
        dnsName: "somewhere-else.elb.amazonaws.com",
        evaluateTargetHealth: true,
      };
    const ex = await h.run("dns");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/A still points at Green's load balancer — saw somewhere-else/);
    expect(h.fake.calls.ChangeResourceRecordSets).toBeUndefined();
  });

  it("refuses weighted sets with a clear message", async () => {
    await h.run("prescale");
    h.fake.recordSets.splice(
      0,
      h.fake.recordSets.length,
      {
        name: RECORD_NAME,
        type: "A",
        setIdentifier: "green",
        weight: 100,
        alias: { hostedZoneId: LB_ZONE_ID, dnsName: GREEN_LB_DNS, evaluateTargetHealth: true },
      },
      {
        name: RECORD_NAME,
        type: "A",
        setIdentifier: "blue",
        weight: 0,
        alias: { hostedZoneId: LB_ZONE_ID, dnsName: BLUE_LB_DNS, evaluateTargetHealth: true },
      },
    );
    const ex = await h.run("dns");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/A weighted set "green", A weighted set "blue" — switch these by hand/);
    expect(h.fake.calls.ChangeResourceRecordSets).toBeUndefined();
  });

  it("switches A and AAAA and keeps Green's targets and the checks as evidence", async () => {
    await h.run("prescale");
    const ex = await h.run("dns");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.aliasOf(RECORD_NAME, "AAAA")).toBe(BLUE_LB_DNS);
    const evidence = evidenceOf(ex);
    expect(evidence.previous).toEqual({
      A: { hostedZoneId: LB_ZONE_ID, dnsName: `dualstack.${GREEN_LB_DNS}.`, evaluateTargetHealth: true },
      AAAA: { hostedZoneId: LB_ZONE_ID, dnsName: `dualstack.${GREEN_LB_DNS}.`, evaluateTargetHealth: true },
    });
    expect((evidence.checks as { ok: boolean }[]).every((c) => c.ok)).toBe(true);
    expect(h.fake.calls.ListResourceRecordSets).toBe(1);
  });

  it("an alias into the wrong zone is refused by Route 53 (InvalidChangeBatch) and nothing changes", async () => {
    await h.run("prescale");
    h.fake.stack("andromeda-blue").outputs.LoadBalancerCanonicalHostedZoneId = "ZWRONGZONE";
    const ex = await h.run("dns");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/InvalidChangeBatch: .*does not lie within the target zone/);
    expect(h.fake.aliasOf(RECORD_NAME)).toBe(`dualstack.${GREEN_LB_DNS}`);
  });
});
