import {
  DescribeStackEventsCommand,
  UpdateStackCommand,
  type Parameter,
  type Stack,
} from "@aws-sdk/client-cloudformation";
import { DescribeRecoveryPointCommand } from "@aws-sdk/client-backup";
import type { AwsClients } from "@/lib/aws/clients";
import { describeStack } from "@/lib/aws/steps/stack-outputs";
import {
  need,
  requireChecks,
  StepFailure,
  type Check,
  type Evidence,
  type Step,
  type StepContext,
} from "@/lib/aws/steps/step";

/** Keeps the evidence readable: the newest events of this update, not the stack's whole history. */
const MAX_EVENTS = 50;
// Stable states an update may start from (ROLLBACK_COMPLETE is a failed create: it can only be deleted).
const UPDATABLE = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE"];
const STACK_TYPE = "AWS::CloudFormation::Stack";
const FAILED_ENDS = [
  "UPDATE_ROLLBACK_COMPLETE",
  "UPDATE_ROLLBACK_FAILED",
  "UPDATE_FAILED",
  "ROLLBACK_COMPLETE",
  "ROLLBACK_FAILED",
];

const containerVersion = (ctx: StepContext) => ctx.run.fields.newContainerVersion;
const paramOf = (stack: Stack, key: string) =>
  stack.Parameters?.find((p) => p.ParameterKey === key)?.ParameterValue;

function parametersFor(ctx: StepContext, current: Parameter[]) {
  const key = ctx.config.AWS_CFN_CONTAINER_PARAMETER;
  if (!current.some((p) => p.ParameterKey === key))
    throw new Error(`The stack ${ctx.blueStackId} has no parameter ${key}.`);
  return current.map((p) =>
    p.ParameterKey === key
      ? { ParameterKey: key, ParameterValue: containerVersion(ctx) }
      : { ParameterKey: p.ParameterKey, UsePreviousValue: true },
  );
}

async function stackEvents(clients: AwsClients, stackName: string) {
  const out = await clients.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName }));
  return out.StackEvents ?? [];
}

/** The token of the update in progress: the newest stack-level UPDATE_IN_PROGRESS event carries it. */
async function tokenInProgress(clients: AwsClients, stackName: string) {
  const events = await stackEvents(clients, stackName);
  return events.find((e) => e.ResourceType === STACK_TYPE && e.ResourceStatus === "UPDATE_IN_PROGRESS")
    ?.ClientRequestToken;
}

/** The events of ONE update, by its ClientRequestToken: a stale UPDATE_COMPLETE of another update never counts. */
async function eventsOf(clients: AwsClients, stackName: string, token: string) {
  return (await stackEvents(clients, stackName))
    .filter((e) => e.ClientRequestToken === token)
    .slice(0, MAX_EVENTS)
    .map((e) => ({
      at: e.Timestamp?.toISOString(),
      logicalResourceId: e.LogicalResourceId,
      resourceType: e.ResourceType,
      status: e.ResourceStatus,
      reason: e.ResourceStatusReason,
      stackLevel: e.ResourceType === STACK_TYPE,
    }));
}

const errorName = (err: unknown) => (err as { name?: string }).name ?? "";
const errorMessage = (err: unknown) => (err as { message?: string }).message ?? "";

async function recoveryPointCheck(
  ctx: StepContext,
  clients: AwsClients,
): Promise<Check & { recoveryPointArn?: string }> {
  const arn = ctx.earlier.backup?.recoveryPointArn as string | undefined;
  const check = "the pre-change backup's recovery point exists and is COMPLETED";
  if (!arn) return { check, ok: false, saw: "no recovery point recorded by this run's backup step" };
  if (!ctx.config.AWS_BACKUP_VAULT)
    return { check, ok: false, saw: "AWS_BACKUP_VAULT is not set", recoveryPointArn: arn };
  try {
    const rp = await clients.backup.send(
      new DescribeRecoveryPointCommand({
        BackupVaultName: ctx.config.AWS_BACKUP_VAULT,
        RecoveryPointArn: arn,
      }),
    );
    return {
      check,
      ok: rp.Status === "COMPLETED",
      saw: `${arn} ${rp.Status ?? "(no status)"}`,
      recoveryPointArn: arn,
    };
  } catch (err) {
    if (errorName(err) !== "ResourceNotFoundException") throw err;
    return {
      check,
      ok: false,
      saw: `${arn} not found in ${ctx.config.AWS_BACKUP_VAULT}`,
      recoveryPointArn: arn,
    };
  }
}

/**
 * Updates the Blue stack's container version and nothing else. Before: the stack must be in a
 * stable *_COMPLETE state and the backup's recovery point must exist. After: success is the
 * stack-level UPDATE_COMPLETE event of THIS update's ClientRequestToken. A resent or retried
 * call that meets the update it already started (TokenAlreadyExistsException, "is in
 * UPDATE_IN_PROGRESS state" under one of this item's tokens) adopts it instead of failing.
 */
export const cloudFormationUpdateStep: Step = {
  missing: (ctx) => need(containerVersion(ctx), "the run's new container version (Phase 3, item 2.1)"),
  plan: (ctx) => [
    {
      service: "CloudFormation",
      operation: "DescribeStacks",
      input: { StackName: ctx.blueStackId },
      note: "pre-check: a stable *_COMPLETE state; the current parameters and capabilities",
    },
    {
      service: "Backup",
      operation: "DescribeRecoveryPoint",
      input: {
        BackupVaultName: ctx.config.AWS_BACKUP_VAULT ?? "(missing AWS_BACKUP_VAULT)",
        RecoveryPointArn:
          (ctx.earlier.backup?.recoveryPointArn as string | undefined) ?? "(from the backup step)",
      },
      note: "pre-check: the pre-change recovery point exists and is COMPLETED",
    },
    {
      service: "CloudFormation",
      operation: "UpdateStack",
      input: {
        StackName: ctx.blueStackId,
        UsePreviousTemplate: true,
        Parameters: [
          {
            ParameterKey: ctx.config.AWS_CFN_CONTAINER_PARAMETER,
            ParameterValue: containerVersion(ctx) ?? "(missing: the new container version)",
          },
        ],
        ClientRequestToken: ctx.token,
        ...(ctx.config.AWS_CFN_ROLE_ARN ? { RoleARN: ctx.config.AWS_CFN_ROLE_ARN } : {}),
      },
      note: "every other parameter of the stack is sent with UsePreviousValue: true; the stack's capabilities are kept",
    },
    {
      service: "CloudFormation",
      operation: "DescribeStackEvents",
      input: { StackName: ctx.blueStackId },
      note: "with DescribeStacks, repeated until the stack-level UPDATE_COMPLETE event of this ClientRequestToken",
    },
  ],
  submit: async (ctx, io) => {
    const key = ctx.config.AWS_CFN_CONTAINER_PARAMETER;
    const stack = await describeStack(io.clients, ctx.blueStackId);
    const status = stack.StackStatus ?? "UNKNOWN";
    const base = {
      stackId: stack.StackId,
      previousContainerVersion: paramOf(stack, key),
      containerVersion: containerVersion(ctx),
    };
    const adopt = async (token: string, why: string): Promise<Evidence> => ({
      ...io.evidence(),
      ...base,
      submittedAt: new Date().toISOString(),
      token,
      adopted: why,
    });
    // A Retry while the update an earlier attempt of this item started is still running.
    if (status.endsWith("_IN_PROGRESS")) {
      const running = await tokenInProgress(io.clients, ctx.blueStackId);
      if (running && [ctx.token, ...ctx.earlierTokens].includes(running))
        return adopt(running, `the update ${running} this item started earlier was still ${status}`);
    }
    const rp = await recoveryPointCheck(ctx, io.clients);
    const checks: Check[] = [
      { check: "the stack is in a stable *_COMPLETE state", ok: UPDATABLE.includes(status), saw: status },
      { check: rp.check, ok: rp.ok, saw: rp.saw },
    ];
    const observed: Evidence = {
      checkedAt: new Date().toISOString(),
      checks,
      stackStatusBefore: status,
      recoveryPointArn: rp.recoveryPointArn,
      ...base,
    };
    requireChecks(checks, observed);
    await io.save(observed);
    const submittedAt = new Date().toISOString();
    if (paramOf(stack, key) === containerVersion(ctx))
      return {
        ...observed,
        submittedAt,
        alreadyDone: `${key} is already ${containerVersion(ctx)}`,
        stackStatus: status,
        completedAt: submittedAt,
      };
    try {
      await io.clients.cloudFormation.send(
        new UpdateStackCommand({
          StackName: ctx.blueStackId,
          UsePreviousTemplate: true,
          Parameters: parametersFor(ctx, stack.Parameters ?? []),
          Capabilities: stack.Capabilities,
          ClientRequestToken: ctx.token,
          ...(ctx.config.AWS_CFN_ROLE_ARN ? { RoleARN: ctx.config.AWS_CFN_ROLE_ARN } : {}),
        }),
      );
    } catch (err) {
      // The SDK resent our call after a lost answer: the first one was accepted.
      if (errorName(err) === "TokenAlreadyExistsException")
        return adopt(ctx.token, "CloudFormation already had this token");
      if (/No updates are to be performed/i.test(errorMessage(err))) {
        const now = await describeStack(io.clients, ctx.blueStackId);
        if (paramOf(now, key) === containerVersion(ctx))
          return {
            ...observed,
            submittedAt,
            alreadyDone: `${key} is already ${containerVersion(ctx)}`,
            stackStatus: now.StackStatus,
            completedAt: new Date().toISOString(),
          };
      }
      if (/is in UPDATE_IN_PROGRESS state/i.test(errorMessage(err))) {
        const running = await tokenInProgress(io.clients, ctx.blueStackId);
        if (running && [ctx.token, ...ctx.earlierTokens].includes(running))
          return adopt(running, `the update ${running} this item started earlier was in progress`);
      }
      throw err;
    }
    return { ...observed, submittedAt, token: ctx.token };
  },
  monitor: async (ctx, io, evidence) => {
    if (evidence.alreadyDone) return evidence;
    const token = String(evidence.token ?? ctx.token);
    return io.poll(async () => {
      const stack = await describeStack(io.clients, ctx.blueStackId);
      const events = await eventsOf(io.clients, ctx.blueStackId, token);
      const mine = events.find((e) => e.stackLevel)?.status;
      const now: Evidence = {
        ...evidence,
        stackStatus: mine ?? stack.StackStatus,
        stackStatusReason: stack.StackStatusReason,
        events,
      };
      if (mine === "UPDATE_COMPLETE") return { ...now, completedAt: new Date().toISOString() };
      if (mine && FAILED_ENDS.includes(mine))
        throw new StepFailure(`Stack ${ctx.blueStackId} ended ${mine}.`, now);
      await io.save(now);
      return undefined;
    });
  },
};
