import { UpdateAutoScalingGroupCommand } from "@aws-sdk/client-auto-scaling";
import {
  describeGroup,
  failedActivities,
  greenStackId,
  groupNames,
  healthyTargets,
  sizes,
  targetHealth,
  type GroupSizes,
} from "@/lib/aws/steps/asg";
import { need, requireChecks, StepFailure, type Check, type Step } from "@/lib/aws/steps/step";

/**
 * Blue must take Green's traffic: it is scaled OUT to the larger of the two desired sizes,
 * never in. Blue's sizes before the prescale are recorded first (the backoff restores them),
 * and the step waits until the load balancer reports that many healthy targets in Blue's
 * target groups; a Failed scaling activity ends it at once instead of at the monitor timeout.
 */
export const asgPrescaleStep: Step = {
  missing: (ctx) =>
    ctx.config.AWS_ASG_GREEN ? [] : need(greenStackId(ctx), "the run's Stack ID for prechange Green Stack"),
  plan: (ctx) => {
    const key = ctx.config.AWS_ASG_OUTPUT_KEY;
    const blue = ctx.config.AWS_ASG_BLUE ?? `(output ${key} of ${ctx.blueStackId})`;
    const green = ctx.config.AWS_ASG_GREEN ?? `(output ${key} of ${greenStackId(ctx) ?? "the Green stack"})`;
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
              input: { StackName: greenStackId(ctx) ?? "(the run's Green stack)" },
            },
          ]),
      {
        service: "AutoScaling",
        operation: "DescribeAutoScalingGroups",
        input: { AutoScalingGroupNames: [green] },
        note: "Green's desired capacity",
      },
      {
        service: "AutoScaling",
        operation: "DescribeAutoScalingGroups",
        input: { AutoScalingGroupNames: [blue] },
        note: "Blue's sizes before the prescale, recorded for the backoff",
      },
      {
        service: "AutoScaling",
        operation: "UpdateAutoScalingGroup",
        input: {
          AutoScalingGroupName: blue,
          MinSize: "(the larger of Green's and Blue's desired)",
          DesiredCapacity: "(the larger of Green's and Blue's desired)",
        },
        note: "refused below 1; MaxSize is raised to the target when it is lower",
      },
      {
        service: "AutoScaling",
        operation: "DescribeAutoScalingGroups",
        input: { AutoScalingGroupNames: [blue] },
        note: "with DescribeScalingActivities (a Failed activity ends the step) and ElasticLoadBalancingV2.DescribeTargetHealth, repeated until that many targets are healthy",
      },
    ];
  },
  submit: async (ctx, io) => {
    const prior = io.evidence();
    // After a restart between the record and the update, the sizes recorded first still hold.
    const recorded = prior.blueBefore ? (prior as { blueBefore: GroupSizes; green: GroupSizes }) : undefined;
    const names = await groupNames(ctx, io.clients);
    const green = recorded?.green ?? sizes(await describeGroup(io.clients, names.green));
    const blueBefore = recorded?.blueBefore ?? sizes(await describeGroup(io.clients, names.blue));
    const target = Math.max(green.desired, blueBefore.desired);
    const checks: Check[] = [
      {
        check: "the target size is at least 1",
        ok: target >= 1,
        saw: `Green desired ${green.desired}, Blue desired ${blueBefore.desired}`,
      },
      {
        check: "Blue is attached to a target group",
        ok: blueBefore.targetGroupArns.length > 0,
        saw: `${blueBefore.targetGroupArns.length} target groups`,
      },
    ];
    const observed = { checkedAt: new Date().toISOString(), checks, green, blueBefore, target };
    requireChecks(checks, observed);
    await io.save(observed);
    const submittedAt = new Date().toISOString();
    await io.clients.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: names.blue,
        MinSize: Math.max(blueBefore.min, target),
        DesiredCapacity: target,
        ...(blueBefore.max < target ? { MaxSize: target } : {}),
      }),
    );
    return { ...observed, submittedAt };
  },
  monitor: async (_ctx, io, evidence) => {
    const before = evidence.blueBefore as GroupSizes;
    const target = Number(evidence.target);
    return io.poll(async () => {
      const blue = sizes(await describeGroup(io.clients, before.name));
      const failed = await failedActivities(io.clients, before.name, String(evidence.submittedAt));
      const health = await targetHealth(io.clients, blue.targetGroupArns);
      const now = { ...evidence, blue, health, healthyTargets: healthyTargets(health) };
      if (failed.length)
        throw new StepFailure(
          `Scaling Blue (${before.name}) failed: ${failed[0]!.status} — ${failed[0]!.message ?? "no reason given"}.`,
          { ...now, failedActivities: failed },
        );
      if (blue.inService >= target && healthyTargets(health) >= target)
        return { ...now, completedAt: new Date().toISOString() };
      await io.save(now);
      return undefined;
    });
  },
};
