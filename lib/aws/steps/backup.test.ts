import { describe, expect, it } from "vitest";
import { evidenceOf, setupAwsRun } from "@/test/aws-harness";

const h = setupAwsRun();

describe("AWS Backup against the strict fake", () => {
  it("a Retry follows the job an earlier attempt started instead of starting another", async () => {
    // The job starts; then every DescribeBackupJob fails past the SDK's retries and the step gives up.
    h.fake.fail("DescribeBackupJob", { type: "500", times: 40 });
    const first = await h.run("backup");
    expect(first.status).toBe("failed");
    expect(h.fake.applied.StartBackupJob).toBe(1);
    h.fake.fail("DescribeBackupJob", { type: "500", times: 0 });
    const retry = await h.run("backup");
    expect(retry.status).toBe("succeeded");
    expect(h.fake.applied.StartBackupJob).toBe(1);
    expect(h.fake.calls.StartBackupJob).toBe(1);
    expect(evidenceOf(retry)).toMatchObject({
      backupJobId: evidenceOf(first).backupJobId,
      adopted: expect.stringContaining("earlier attempt"),
    });
  });

  it("a failed job fails the step with AWS's reason, and the Retry starts a new job", async () => {
    h.fake.backupOutcome = "FAILED";
    const ex = await h.run("backup");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/ended FAILED: .*snapshot/);
    h.fake.backupOutcome = "COMPLETED";
    expect((await h.run("backup")).status).toBe("succeeded");
    expect(h.fake.applied.StartBackupJob).toBe(2);
  });

  it("a role AWS Backup may not be passed is refused with AccessDenied (iam:PassRole)", async () => {
    h.fake.backupRoles.clear();
    const ex = await h.run("backup");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/AccessDeniedException: .*iam:PassRole/);
  });

  it("a resource type not opted in to AWS Backup is refused", async () => {
    h.fake.optedIn.delete("RDS");
    const ex = await h.run("backup");
    expect(ex.status).toBe("failed");
    expect(ex.error).toMatch(/not opted in/);
  });
});
