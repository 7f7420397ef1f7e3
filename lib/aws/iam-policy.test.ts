import { readFileSync } from "node:fs";
import path from "node:path";
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { awsClients } from "@/lib/aws/clients";
import { awsConfig } from "@/lib/aws/config";
import { IAM_ACTIONS } from "@/lib/aws/iam-actions";
import { setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();

function policyActions(): Set<string> {
  const doc = readFileSync(path.join(process.cwd(), "docs", "AWS.md"), "utf8");
  const block = /## IAM policy\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/AWS.md has no IAM policy block");
  const policy = JSON.parse(block) as { Statement: { Action: string | string[] }[] };
  return new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

describe("the least-privilege policy", () => {
  it("docs/AWS.md grants exactly the actions of lib/aws/iam-actions.ts", () => {
    expect([...policyActions()].sort()).toEqual([...IAM_ACTIONS].sort());
  });

  it("the strict fake refuses an action outside the policy with AccessDenied", async () => {
    const err = await awsClients(awsConfig())
      .cloudFormation.send(new DeleteStackCommand({ StackName: "andromeda-blue" }))
      .catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ name: "AccessDenied" });
    expect(h.fake.denied).toEqual(["cloudformation:DeleteStack"]);
  });

  it("a whole promotion, backoff included, calls nothing outside it", async () => {
    for (const step of ["backup", "cloudformation", "prescale", "dns"] as const)
      expect((await h.run(step)).status).toBe("succeeded");
    h.fake.tests.passed = false;
    await h.run("tests");
    expect((await h.run("backoff")).status).toBe("succeeded");
    expect(h.fake.denied).toEqual([]);
  });
});
