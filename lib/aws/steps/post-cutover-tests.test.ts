import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();

describe("post-cutover tests against the harness fake", () => {
  it("follows the accepted-then-poll protocol: 202 with a status URL, polled until a verdict", async () => {
    h.fake.tests.polls = 4;
    const ex = await h.run("tests");
    expect(ex.status).toBe("succeeded");
    expect(h.fake.calls.PostCutoverTests).toBe(1);
    expect(h.fake.calls.PostCutoverStatus).toBe(4);
    expect(evidenceOf(ex)).toMatchObject({
      httpStatus: 202,
      passed: true,
      statusUrl: expect.stringContaining("/post-cutover-tests/runs/"),
    });
  });

  it("a 502 or 401 from the harness is an error with Retry, not a FAILED run", async () => {
    for (const status of [502, 401]) {
      await h.newRun();
      h.fake.tests.status = status;
      const ex = await h.run("tests");
      expect(ex.status).toBe("failed");
      expect(ex.error).toMatch(new RegExp(`answered ${status}`));
      expect((await h.item("tests")).state).toBe("open");
      expect((await h.item("testsFailed")).state).toBe("open");
      expect((await db().run.findUniqueOrThrow({ where: { id: h.runId } })).result).toBeNull();
    }
    h.fake.tests.status = 200;
    expect((await h.run("tests")).status).toBe("succeeded");
  });

  it("only an explicit verdict fails the run", async () => {
    h.fake.tests.passed = false;
    const ex = await h.run("tests");
    expect(ex.status).toBe("failed");
    expect((await db().run.findUniqueOrThrow({ where: { id: h.runId } })).result).toBe("FAILED");
  });
});
