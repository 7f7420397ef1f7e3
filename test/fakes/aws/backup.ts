/**
 * AWS Backup on REST-JSON, with the rules of
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartBackupJob.html
 * (IamRoleArn must be passable to backup.amazonaws.com; StartWindowMinutes, when given, at
 * least 60; Lifecycle's DeleteAfterDays at least 90 days after MoveToColdStorageAfterDays;
 * the same IdempotencyToken returns the same job), the resource type opted in for the Region
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/service-opt-in.html), jobs that end
 * FAILED with a StatusMessage, ListBackupJobs filters, ListTags and DescribeRecoveryPoint.
 */
import { randomUUID } from "node:crypto";
import { awsError, jsonOk, type Handler } from "./wire";
import { FAKE_ACCOUNT, type FakeAws, type FakeBackupJob } from "./state";

const epoch = (d: Date) => d.getTime() / 1000;
// arn:aws:rds:… → RDS, arn:aws:dynamodb:… → DynamoDB: the resource type opt-in is per service.
const resourceType = (arn: string) =>
  ({ rds: "RDS", dynamodb: "DynamoDB", ec2: "EC2", elasticfilesystem: "EFS" })[arn.split(":")[2] ?? ""] ??
  "Unknown";

const jobJson = (j: FakeBackupJob) => ({
  AccountId: FAKE_ACCOUNT,
  BackupJobId: j.id,
  BackupVaultName: j.input.BackupVaultName,
  ResourceArn: j.input.ResourceArn,
  RecoveryPointArn: j.recoveryPointArn,
  IamRoleArn: j.input.IamRoleArn,
  CreationDate: epoch(j.createdAt),
  State: j.state,
  StatusMessage: j.statusMessage,
  PercentDone: j.state === "COMPLETED" ? "100.0" : "50.0",
  ResourceType: resourceType(String(j.input.ResourceArn)),
});

function startBackupJob(fake: FakeAws, body: string) {
  const input = JSON.parse(body || "{}") as Record<string, unknown>;
  const role = String(input.IamRoleArn ?? "");
  if (!fake.backupRoles.has(role))
    throw awsError(
      "json",
      403,
      "AccessDeniedException",
      `User is not authorized to perform: iam:PassRole on resource: ${role}`,
    );
  const type = resourceType(String(input.ResourceArn ?? ""));
  if (!fake.optedIn.has(type))
    throw awsError(
      "json",
      400,
      "InvalidRequestException",
      `Resource type ${type} is not opted in for AWS Backup in this Region.`,
    );
  const start = input.StartWindowMinutes as number | undefined;
  if (start !== undefined && start < 60)
    throw awsError(
      "json",
      400,
      "InvalidParameterValueException",
      "StartWindowMinutes must be at least 60 minutes.",
    );
  const life = input.Lifecycle as
    { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number } | undefined;
  if (
    life?.DeleteAfterDays !== undefined &&
    life.MoveToColdStorageAfterDays !== undefined &&
    life.DeleteAfterDays < life.MoveToColdStorageAfterDays + 90
  )
    throw awsError(
      "json",
      400,
      "InvalidParameterValueException",
      "DeleteAfterDays must be at least 90 days greater than MoveToColdStorageAfterDays.",
    );
  const token = input.IdempotencyToken ? String(input.IdempotencyToken) : undefined;
  let job = token ? [...fake.backupJobs.values()].find((j) => j.input.IdempotencyToken === token) : undefined;
  if (!job) {
    const id = randomUUID().toUpperCase();
    job = {
      id,
      state: "CREATED",
      polls: fake.pollsToComplete,
      createdAt: new Date(),
      input,
      recoveryPointArn: `arn:aws:backup:us-east-1:${FAKE_ACCOUNT}:recovery-point:${id.toLowerCase()}`,
    };
    fake.backupJobs.set(id, job);
    fake.recoveryPointTags.set(
      job.recoveryPointArn,
      (input.RecoveryPointTags ?? {}) as Record<string, string>,
    );
    fake.applied.StartBackupJob = (fake.applied.StartBackupJob ?? 0) + 1;
  }
  return jsonOk({
    BackupJobId: job.id,
    RecoveryPointArn: job.recoveryPointArn,
    CreationDate: epoch(job.createdAt),
  });
}

function describe(fake: FakeAws, id: string) {
  const job = fake.backupJobs.get(id);
  if (!job) throw awsError("json", 404, "ResourceNotFoundException", "No such backup job");
  if (job.state === "CREATED" || job.state === "RUNNING") {
    job.polls--;
    if (job.polls > 0) job.state = "RUNNING";
    else if (fake.backupOutcome === "FAILED") {
      job.state = "FAILED";
      job.statusMessage = "The instance is in a state that does not allow a snapshot (storage-optimization).";
    } else job.state = "COMPLETED";
  }
  return jsonOk(jobJson(job));
}

export function backup(fake: FakeAws, method: string, url: URL, body: string): Handler | null {
  const path = url.pathname;
  const q = url.searchParams;
  if (method === "PUT" && path === "/backup-jobs")
    return {
      op: "StartBackupJob",
      action: "backup:StartBackupJob",
      protocol: "json",
      apply: () => startBackupJob(fake, body),
    };
  if (method === "GET" && /^\/backup-jobs\/?$/.test(path))
    return {
      op: "ListBackupJobs",
      action: "backup:ListBackupJobs",
      protocol: "json",
      apply: () => {
        const after = q.get("createdAfter");
        const jobs = [...fake.backupJobs.values()].filter(
          (j) =>
            (!q.get("resourceArn") || j.input.ResourceArn === q.get("resourceArn")) &&
            (!q.get("backupVaultName") || j.input.BackupVaultName === q.get("backupVaultName")) &&
            (!q.get("state") || j.state === q.get("state")) &&
            (!after || j.createdAt.getTime() >= Date.parse(after)),
        );
        return jsonOk({ BackupJobs: jobs.map(jobJson) });
      },
    };
  const job = /^\/backup-jobs\/([^/]+)$/.exec(path);
  if (method === "GET" && job)
    return {
      op: "DescribeBackupJob",
      action: "backup:DescribeBackupJob",
      protocol: "json",
      apply: () => describe(fake, decodeURIComponent(job[1]!)),
    };
  const tags = /^\/tags\/(.+)$/.exec(path);
  if (method === "GET" && tags)
    return {
      op: "ListTags",
      action: "backup:ListTags",
      protocol: "json",
      apply: () => {
        const t = fake.recoveryPointTags.get(decodeURIComponent(tags[1]!));
        if (!t) throw awsError("json", 404, "ResourceNotFoundException", "Resource not found");
        return jsonOk({ Tags: t });
      },
    };
  const rp = /^\/backup-vaults\/([^/]+)\/recovery-points\/([^/]+)$/.exec(path);
  if (method === "GET" && rp)
    return {
      op: "DescribeRecoveryPoint",
      action: "backup:DescribeRecoveryPoint",
      protocol: "json",
      apply: () => {
        const arn = decodeURIComponent(rp[2]!);
        const j = [...fake.backupJobs.values()].find(
          (x) => x.recoveryPointArn === arn && x.state === "COMPLETED",
        );
        if (!j || j.input.BackupVaultName !== decodeURIComponent(rp[1]!))
          throw awsError("json", 404, "ResourceNotFoundException", `Recovery point ${arn} not found`);
        return jsonOk({
          RecoveryPointArn: arn,
          BackupVaultName: j.input.BackupVaultName,
          ResourceArn: j.input.ResourceArn,
          Status: "COMPLETED",
          CreationDate: epoch(j.createdAt),
          CompletionDate: epoch(new Date()),
        });
      },
    };
  return null;
}
