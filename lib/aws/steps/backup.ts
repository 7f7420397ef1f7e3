import {
  DescribeBackupJobCommand,
  ListBackupJobsCommand,
  ListTagsCommand,
  StartBackupJobCommand,
} from "@aws-sdk/client-backup";
import type { AwsClients } from "@/lib/aws/clients";
import { need, StepFailure, type Step, type StepContext } from "@/lib/aws/steps/step";

const FAILED = ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"];
/** The recovery point's tag naming the checklist item that asked for it: a Retry finds its job by it. */
export const ITEM_TAG = "runsheet:item";
// A Retry looks this far back for a job an earlier attempt started.
const LOOK_BACK_MS = 24 * 60 * 60_000;

const input = (ctx: StepContext) => ({
  BackupVaultName: ctx.config.AWS_BACKUP_VAULT ?? "(missing AWS_BACKUP_VAULT)",
  ResourceArn: ctx.config.AWS_BACKUP_RESOURCE_ARN ?? "(missing AWS_BACKUP_RESOURCE_ARN)",
  IamRoleArn: ctx.config.AWS_BACKUP_ROLE_ARN ?? "(missing AWS_BACKUP_ROLE_ARN)",
  IdempotencyToken: ctx.token,
  // Without windows AWS Backup's defaults apply (8 hours to start, 7 days to complete); a promotion waits for neither.
  StartWindowMinutes: ctx.config.AWS_BACKUP_START_WINDOW_MINUTES,
  CompleteWindowMinutes: ctx.config.AWS_BACKUP_COMPLETE_WINDOW_MINUTES,
  Lifecycle: { DeleteAfterDays: ctx.config.AWS_BACKUP_DELETE_AFTER_DAYS },
  // A backup job has no name of its own; the recovery point carries the one the checklist asks for.
  RecoveryPointTags: {
    Name: `Production Pre-changeset ${ctx.run.fields.changesetVersion ?? "(version)"} Backup`,
    [ITEM_TAG]: ctx.itemId,
  },
});

/** A job an earlier attempt of this item started and that has not failed: a Retry follows it instead. */
async function existingJob(ctx: StepContext, clients: AwsClients) {
  const out = await clients.backup.send(
    new ListBackupJobsCommand({
      ByResourceArn: ctx.config.AWS_BACKUP_RESOURCE_ARN,
      ByBackupVaultName: ctx.config.AWS_BACKUP_VAULT,
      ByCreatedAfter: new Date(Date.now() - LOOK_BACK_MS),
    }),
  );
  for (const job of out.BackupJobs ?? []) {
    if (!job.RecoveryPointArn || FAILED.includes(job.State ?? "")) continue;
    const tags = await clients.backup.send(new ListTagsCommand({ ResourceArn: job.RecoveryPointArn }));
    if (tags.Tags?.[ITEM_TAG] === ctx.itemId) return job;
  }
  return undefined;
}

export const backupStep: Step = {
  missing: (ctx) => [
    ...need(ctx.config.AWS_BACKUP_VAULT, "AWS_BACKUP_VAULT"),
    ...need(ctx.config.AWS_BACKUP_RESOURCE_ARN, "AWS_BACKUP_RESOURCE_ARN"),
    ...need(ctx.config.AWS_BACKUP_ROLE_ARN, "AWS_BACKUP_ROLE_ARN"),
    ...need(ctx.run.fields.changesetVersion, "the run's Changeset Version"),
  ],
  plan: (ctx) => [
    ...(ctx.earlierTokens.length
      ? [
          {
            service: "Backup",
            operation: "ListBackupJobs",
            input: { ByResourceArn: input(ctx).ResourceArn, ByBackupVaultName: input(ctx).BackupVaultName },
            note: `with ListTags: a job an earlier attempt started (tag ${ITEM_TAG}) is followed instead of starting another`,
          },
        ]
      : []),
    { service: "Backup", operation: "StartBackupJob", input: input(ctx) },
    {
      service: "Backup",
      operation: "DescribeBackupJob",
      input: { BackupJobId: "(from StartBackupJob)" },
      note: "repeated until COMPLETED, for up to the start and complete windows",
    },
  ],
  submit: async (ctx, io) => {
    const submittedAt = new Date().toISOString();
    const backupName = input(ctx).RecoveryPointTags.Name;
    if (ctx.earlierTokens.length) {
      const job = await existingJob(ctx, io.clients);
      if (job)
        return {
          submittedAt,
          backupJobId: job.BackupJobId,
          recoveryPointArn: job.RecoveryPointArn,
          backupName,
          adopted: `the job ${job.BackupJobId} an earlier attempt started (${job.State})`,
        };
    }
    const out = await io.clients.backup.send(new StartBackupJobCommand(input(ctx)));
    return { submittedAt, backupJobId: out.BackupJobId, recoveryPointArn: out.RecoveryPointArn, backupName };
  },
  monitor: async (ctx, io, evidence) => {
    const BackupJobId = String(evidence.backupJobId);
    // A job may wait its whole start window before it runs, then take its complete window.
    const windowsMs =
      (ctx.config.AWS_BACKUP_START_WINDOW_MINUTES + ctx.config.AWS_BACKUP_COMPLETE_WINDOW_MINUTES + 10) *
      60_000;
    return io.poll(
      async () => {
        const job = await io.clients.backup.send(new DescribeBackupJobCommand({ BackupJobId }));
        const now = {
          ...evidence,
          state: job.State,
          percentDone: job.PercentDone,
          recoveryPointArn: job.RecoveryPointArn ?? evidence.recoveryPointArn,
        };
        if (job.State === "COMPLETED") return { ...now, completedAt: new Date().toISOString() };
        if (job.State && FAILED.includes(job.State))
          throw new StepFailure(`Backup job ${BackupJobId} ended ${job.State}: ${job.StatusMessage ?? ""}`, {
            ...now,
            statusMessage: job.StatusMessage,
          });
        await io.save(now);
        return undefined;
      },
      { timeoutMs: Math.max(ctx.config.AWS_MONITOR_TIMEOUT_MS, windowsMs) },
    );
  },
};
