import {
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
} from "@aws-sdk/client-auto-scaling";
import type { AwsClients } from "@/lib/aws/clients";
import { describeStack, outputOf } from "@/lib/aws/steps/stack-outputs";
import { need, type Step, type StepContext } from "@/lib/aws/steps/step";

const greenStackId = (ctx: StepContext) => ctx.run.fields.stackIdForPrechangeGreenStack;

/** Blue and Green swap on every promotion, so a group is found through its stack unless configured. */
async function groupNames(ctx: StepContext, clients: AwsClients) {
  const key = ctx.config.AWS_ASG_OUTPUT_KEY;
  const blue = ctx.config.AWS_ASG_BLUE ?? outputOf(await describeStack(clients, ctx.blueStackId), key);
  const green = ctx.config.AWS_ASG_GREEN ?? outputOf(await describeStack(clients, greenStackId(ctx)!), key);
  return { blue, green };
}

async function group(clients: AwsClients, name: string): Promise<AutoScalingGroup> {
  const out = await clients.autoScaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const found = out.AutoScalingGroups?.[0];
  if (!found) throw new Error(`Auto Scaling does not know the group ${name}.`);
  return found;
}

const sizes = (g: AutoScalingGroup) => ({
  name: g.AutoScalingGroupName,
  min: g.MinSize,
  max: g.MaxSize,
  desired: g.DesiredCapacity,
  inService: (g.Instances ?? []).filter((i) => i.LifecycleState === "InService").length,
});

export const asgPrescaleStep: Step = {
  missing: (ctx) =>
    ctx.config.AWS_ASG_GREEN ? [] : need(greenStackId(ctx), "the run's Stack ID for prechange Green Stack"),
  plan: (ctx) => {
    const key = ctx.config.AWS_ASG_OUTPUT_KEY;
    const blue = ctx.config.AWS_ASG_BLUE ?? `(output ${key} of ${ctx.blueStackId})`;
    const green = ctx.config.AWS_ASG_GREEN ?? `(output ${key} of ${greenStackId(ctx)})`;
    return [
      ...(ctx.config.AWS_ASG_BLUE
        ? []
        : [
            { service: "CloudFormation", operation: "DescribeStacks", input: { StackName: ctx.blueStackId } },
          ]),
      ...(ctx.config.AWS_ASG_GREEN
        ? []
        : [
            {
              service: "CloudFormation",
              operation: "DescribeStacks",
              input: { StackName: greenStackId(ctx)! },
            },
          ]),
      {
        service: "AutoScaling",
        operation: "DescribeAutoScalingGroups",
        input: { AutoScalingGroupNames: [green] },
      },
      {
        service: "AutoScaling",
        operation: "UpdateAutoScalingGroup",
        input: {
          AutoScalingGroupName: blue,
          MinSize: "(Green's desired)",
          DesiredCapacity: "(Green's desired)",
        },
        note: "MaxSize is raised to Green's desired when it is lower",
      },
      {
        service: "AutoScaling",
        operation: "DescribeAutoScalingGroups",
        input: { AutoScalingGroupNames: [blue] },
        note: "repeated until Blue's InService instances reach the desired capacity",
      },
    ];
  },
  submit: async (ctx, io) => {
    const names = await groupNames(ctx, io.clients);
    const green = sizes(await group(io.clients, names.green));
    const blueBefore = sizes(await group(io.clients, names.blue));
    const target = green.desired ?? 0;
    const submittedAt = new Date().toISOString();
    await io.clients.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: names.blue,
        MinSize: target,
        DesiredCapacity: target,
        ...((blueBefore.max ?? 0) < target ? { MaxSize: target } : {}),
      }),
    );
    return { submittedAt, green, blueBefore, target };
  },
  monitor: async (_ctx, io, evidence) => {
    const name = String((evidence.blueBefore as { name: string }).name);
    const target = Number(evidence.target);
    return io.poll(async () => {
      const blue = sizes(await group(io.clients, name));
      const now = { ...evidence, blue };
      if (blue.inService >= target && blue.desired === target)
        return { ...now, completedAt: new Date().toISOString() };
      await io.save(now);
      return undefined;
    });
  },
};
