import {
  DescribeStackEventsCommand,
  UpdateStackCommand,
  type Parameter,
  type StackEvent,
} from "@aws-sdk/client-cloudformation";
import type { AwsClients } from "@/lib/aws/clients";
import { describeStack } from "@/lib/aws/steps/stack-outputs";
import { need, StepFailure, type Evidence, type Step, type StepContext } from "@/lib/aws/steps/step";

/** Keeps the evidence readable: the newest events of this update, not the stack's whole history. */
const MAX_EVENTS = 50;

const containerVersion = (ctx: StepContext) => ctx.run.fields.newContainerVersion;

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

async function eventsOf(clients: AwsClients, ctx: StepContext, since: string) {
  const out = await clients.cloudFormation.send(
    new DescribeStackEventsCommand({ StackName: ctx.blueStackId }),
  );
  const mine = (e: StackEvent) =>
    e.ClientRequestToken === ctx.token || (e.Timestamp && e.Timestamp.getTime() >= Date.parse(since));
  return (out.StackEvents ?? [])
    .filter(mine)
    .slice(0, MAX_EVENTS)
    .map((e) => ({
      at: e.Timestamp?.toISOString(),
      logicalResourceId: e.LogicalResourceId,
      resourceType: e.ResourceType,
      status: e.ResourceStatus,
      reason: e.ResourceStatusReason,
    }));
}

export const cloudFormationUpdateStep: Step = {
  missing: (ctx) => need(containerVersion(ctx), "the run's new container version (Phase 3, item 2.1)"),
  plan: (ctx) => [
    { service: "CloudFormation", operation: "DescribeStacks", input: { StackName: ctx.blueStackId } },
    {
      service: "CloudFormation",
      operation: "UpdateStack",
      input: {
        StackName: ctx.blueStackId,
        UsePreviousTemplate: true,
        Parameters: [
          { ParameterKey: ctx.config.AWS_CFN_CONTAINER_PARAMETER, ParameterValue: containerVersion(ctx) },
        ],
        ClientRequestToken: ctx.token,
      },
      note: "every other parameter of the stack is sent with UsePreviousValue: true; the stack's capabilities are kept",
    },
    {
      service: "CloudFormation",
      operation: "DescribeStacks",
      input: { StackName: ctx.blueStackId },
      note: "with DescribeStackEvents, repeated until UPDATE_COMPLETE",
    },
  ],
  submit: async (ctx, io) => {
    const stack = await describeStack(io.clients, ctx.blueStackId);
    const submittedAt = new Date().toISOString();
    const out = await io.clients.cloudFormation.send(
      new UpdateStackCommand({
        StackName: ctx.blueStackId,
        UsePreviousTemplate: true,
        Parameters: parametersFor(ctx, stack.Parameters ?? []),
        Capabilities: stack.Capabilities,
        ClientRequestToken: ctx.token,
      }),
    );
    return {
      submittedAt,
      stackId: out.StackId ?? stack.StackId,
      previousContainerVersion: stack.Parameters?.find(
        (p) => p.ParameterKey === ctx.config.AWS_CFN_CONTAINER_PARAMETER,
      )?.ParameterValue,
      containerVersion: containerVersion(ctx),
    };
  },
  monitor: async (ctx, io, evidence) =>
    io.poll(async () => {
      const stack = await describeStack(io.clients, ctx.blueStackId);
      const status = stack.StackStatus ?? "UNKNOWN";
      const events = await eventsOf(io.clients, ctx, String(evidence.submittedAt));
      const now: Evidence = {
        ...evidence,
        stackStatus: status,
        stackStatusReason: stack.StackStatusReason,
        events,
      };
      if (status === "UPDATE_COMPLETE") return { ...now, completedAt: new Date().toISOString() };
      if (status.startsWith("UPDATE_ROLLBACK") || status.endsWith("_FAILED"))
        throw new StepFailure(`Stack ${ctx.blueStackId} ended ${status}.`, now);
      if (!status.endsWith("_IN_PROGRESS"))
        throw new StepFailure(`Stack ${ctx.blueStackId} is ${status}, not updating.`, now);
      await io.save(now);
      return undefined;
    }),
};
