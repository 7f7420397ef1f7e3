import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeFlowRun } from "@/test/fixtures";
import { BLUE_STACK_ID, GREEN_STACK_ID, startFakeAws } from "@/test/fakes/aws";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();

/** Replaces the harness's run with a rehearsal of the seed. */
async function rehearse() {
  const run = await makeFlowRun(
    h.operator,
    { stackIdForPrechangeBlueStack: BLUE_STACK_ID, stackIdForPrechangeGreenStack: GREEN_STACK_ID },
    { rehearsal: true },
  );
  h.runId = run.id;
}

const callCount = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

describe("a rehearsal's AWS steps", () => {
  it("without a sandbox are dry runs that tick their item and call nothing, production's AWS included", async () => {
    await rehearse();
    const backup = await h.run("backup");
    expect(backup).toMatchObject({ dryRun: true, status: "succeeded" });
    expect(evidenceOf(backup)).toMatchObject({ dryRun: true, rehearsal: true });
    expect((await h.item("backup")).state).toBe("done");
    const stack = await h.run("cloudformation");
    expect(stack).toMatchObject({ dryRun: true, status: "succeeded" });
    // The stopwatch after the step is ticked as a real step's would be.
    expect((await h.item("cloudformationWatch")).state).toBe("done");
    expect(callCount(h.fake.calls)).toBe(0);
    const requested = await db().auditEvent.findFirstOrThrow({
      where: { runId: h.runId, action: "automation.requested" },
    });
    expect(requested.payload).toMatchObject({ rehearsal: "dry_run" });
  });

  it("with a sandbox act there and never on production's endpoint", async () => {
    const sandbox = await startFakeAws();
    const env = {
      AWS_SANDBOX_ENDPOINT_URL: sandbox.url,
      AWS_SANDBOX_REGION: "us-east-1",
      AWS_SANDBOX_BACKUP_VAULT: process.env.AWS_BACKUP_VAULT!,
      AWS_SANDBOX_BACKUP_RESOURCE_ARN: process.env.AWS_BACKUP_RESOURCE_ARN!,
      AWS_SANDBOX_BACKUP_ROLE_ARN: process.env.AWS_BACKUP_ROLE_ARN!,
    };
    Object.assign(process.env, env);
    try {
      await rehearse();
      const backup = await h.run("backup");
      expect(backup).toMatchObject({ dryRun: false, status: "succeeded" });
      expect(sandbox.calls.StartBackupJob).toBe(1);
      expect(callCount(h.fake.calls)).toBe(0);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      await sandbox.close();
    }
  });

  it("a production run still acts on production's endpoint", async () => {
    const backup = await h.run("backup");
    expect(backup).toMatchObject({ dryRun: false, status: "succeeded" });
    expect(h.fake.calls.StartBackupJob).toBe(1);
  });
});
