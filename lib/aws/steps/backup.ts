import { DescribeBackupJobCommand, StartBackupJobCommand } from "@aws-sdk/client-backup";
import { need, StepFailure, type Step, type StepContext } from "@/lib/aws/steps/step";

const FAILED = ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"];

const input = (ctx: StepContext) => ({
  BackupVaultName: ctx.config.AWS_BACKUP_VAULT,
  ResourceArn: ctx.config.AWS_BACKUP_RESOURCE_ARN,
  IamRoleArn: ctx.config.AWS_BACKUP_ROLE_ARN,
  IdempotencyToken: ctx.token,
  // A backup job has no name of its own; the recovery point carries the one the checklist asks for.
  RecoveryPointTags: { Name: `Production Pre-changeset ${ctx.run.fields.changesetVersion} Backup` },
});

export const backupStep: Step = {
  missing: (ctx) => [
    ...need(ctx.config.AWS_BACKUP_VAULT, "AWS_BACKUP_VAULT"),
    ...need(ctx.config.AWS_BACKUP_RESOURCE_ARN, "AWS_BACKUP_RESOURCE_ARN"),
    ...need(ctx.config.AWS_BACKUP_ROLE_ARN, "AWS_BACKUP_ROLE_ARN"),
    ...need(ctx.run.fields.changesetVersion, "the run's Changeset Version"),
  ],
  plan: (ctx) => [
    { service: "Backup", operation: "StartBackupJob", input: input(ctx) },
    {
      service: "Backup",
      operation: "DescribeBackupJob",
      input: { BackupJobId: "(from StartBackupJob)" },
      note: "repeated until COMPLETED",
    },
  ],
  submit: async (ctx, io) => {
    const submittedAt = new Date().toISOString();
    const out = await io.clients.backup.send(new StartBackupJobCommand(input(ctx)));
    return {
      submittedAt,
      backupJobId: out.BackupJobId,
      recoveryPointArn: out.RecoveryPointArn,
      backupName: input(ctx).RecoveryPointTags.Name,
    };
  },
  monitor: async (_ctx, io, evidence) => {
    const BackupJobId = String(evidence.backupJobId);
    return io.poll(async () => {
      const job = await io.clients.backup.send(new DescribeBackupJobCommand({ BackupJobId }));
      const now = {
        ...evidence,
        state: job.State,
        percentDone: job.PercentDone,
        recoveryPointArn: job.RecoveryPointArn ?? evidence.recoveryPointArn,
      };
      if (job.State === "COMPLETED") return { ...now, completedAt: new Date().toISOString() };
      if (job.State && FAILED.includes(job.State))
        throw new StepFailure(
          `Backup job ${BackupJobId} ended ${job.State}: ${job.StatusMessage ?? ""}`,
          now,
        );
      await io.save(now);
      return undefined;
    });
  },
};
