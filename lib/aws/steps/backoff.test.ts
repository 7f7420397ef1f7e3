import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { GREEN_LB_DNS, RECORD_NAME } from "@/test/fakes/aws";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();
const blue = () => h.fake.groups.get("andromeda-blue-asg")!;

describe("the backoff step", () => {
  it("after a FAILED cutover, points DNS back at Green, waits for INSYNC, then restores Blue's group", async () => {
    await h.run("prescale");
    await h.run("dns");
    expect(h.fake.aliasOf(RECORD_NAME)).not.toContain("green");
    h.fake.tests.passed = false;
    await h.run("tests");
    expect((await db().run.findUniqueOrThrow({ where: { id: h.runId } })).result).toBe("FAILED");

    const ex = await h.run("backoff");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.aliasOf(RECORD_NAME, "A")).toBe(`dualstack.${GREEN_LB_DNS}`);
    expect(h.fake.aliasOf(RECORD_NAME, "AAAA")).toBe(`dualstack.${GREEN_LB_DNS}`);
    expect(blue()).toMatchObject({ min: 2, desired: 2, max: 10, inService: 2 });
    expect(evidenceOf(ex)).toMatchObject({
      changeStatus: "INSYNC",
      blueBefore: { desired: 2 },
      blue: { desired: 2 },
    });
    expect((await h.item("backoff")).state).toBe("done");
  });

  it("is refused before the result is FAILED or NO GO, and when the DNS switch never happened", async () => {
    await h.run("prescale");
    await h.run("dns");
    // After GO the back-off section is the branch not taken until a result reopens it.
    await expect(h.start("backoff")).rejects.toThrow(/no longer open/);

    await h.newRun();
    h.fake.tests.passed = false;
    await h.run("tests");
    // Nothing was switched, so the FAILED result skipped the backoff, saying why.
    expect(await h.item("backoff")).toMatchObject({
      state: "skipped",
      note: expect.stringMatching(/never switched/),
    });
    await expect(h.start("backoff")).rejects.toThrow(/no longer open/);
    expect(await db().automationExecution.count({ where: { runId: h.runId, kind: "backoff" } })).toBe(0);
  });

  it("is idempotent: a record already back on Green is left alone and the group is still restored", async () => {
    await h.run("prescale");
    const dns = await h.run("dns");
    h.fake.tests.passed = false;
    await h.run("tests");
    // Someone already switched back by hand.
    const previous = evidenceOf(dns).previous as Record<string, { dnsName: string }>;
    for (const s of h.fake.recordSets) s.alias!.dnsName = previous[s.type]!.dnsName.replace(/\.$/, "");
    const before = h.fake.calls.ChangeResourceRecordSets;
    const ex = await h.run("backoff");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.calls.ChangeResourceRecordSets).toBe(before);
    expect(evidenceOf(ex)).toMatchObject({ dnsAlreadyBack: true });
    expect(blue().desired).toBe(2);
  });
});
