import {
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  type AutoScalingGroup,
} from "@aws-sdk/client-auto-scaling";
import { DescribeTargetHealthCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { AwsClients } from "@/lib/aws/clients";
import { describeStack, outputOf } from "@/lib/aws/steps/stack-outputs";
import type { StepContext } from "@/lib/aws/steps/step";

export const greenStackId = (ctx: StepContext) => ctx.run.fields.stackIdForPrechangeGreenStack;

/** Blue and Green swap on every promotion, so a group is found through its stack unless configured. */
export async function groupNames(ctx: StepContext, clients: AwsClients) {
  const key = ctx.config.AWS_ASG_OUTPUT_KEY;
  const blue = ctx.config.AWS_ASG_BLUE ?? outputOf(await describeStack(clients, ctx.blueStackId), key);
  const green = ctx.config.AWS_ASG_GREEN ?? outputOf(await describeStack(clients, greenStackId(ctx)!), key);
  return { blue, green };
}

export async function describeGroup(clients: AwsClients, name: string): Promise<AutoScalingGroup> {
  const out = await clients.autoScaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const found = out.AutoScalingGroups?.[0];
  if (!found) throw new Error(`Auto Scaling does not know the group ${name}.`);
  return found;
}

export type GroupSizes = {
  name: string;
  min: number;
  max: number;
  desired: number;
  inService: number;
  targetGroupArns: string[];
};

export const sizes = (g: AutoScalingGroup): GroupSizes => ({
  name: g.AutoScalingGroupName ?? "",
  min: g.MinSize ?? 0,
  max: g.MaxSize ?? 0,
  desired: g.DesiredCapacity ?? 0,
  inService: (g.Instances ?? []).filter((i) => i.LifecycleState === "InService").length,
  targetGroupArns: g.TargetGroupARNs ?? [],
});

/** Healthy targets in each of the group's target groups (the load balancer's view, not the ASG's). */
export async function targetHealth(clients: AwsClients, arns: string[]) {
  const out: { targetGroupArn: string; healthy: number; total: number; states: Record<string, number> }[] =
    [];
  for (const arn of arns) {
    const res = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    const states: Record<string, number> = {};
    for (const t of res.TargetHealthDescriptions ?? []) {
      const s = t.TargetHealth?.State ?? "unknown";
      states[s] = (states[s] ?? 0) + 1;
    }
    out.push({
      targetGroupArn: arn,
      healthy: states.healthy ?? 0,
      total: res.TargetHealthDescriptions?.length ?? 0,
      states,
    });
  }
  return out;
}

/** The least healthy count across the group's target groups: every one must serve. */
export const healthyTargets = (health: { healthy: number }[]) =>
  health.length ? Math.min(...health.map((h) => h.healthy)) : 0;

/** Scaling activities of the group since `since` that failed or were cancelled (a launch that cannot succeed). */
export async function failedActivities(clients: AwsClients, group: string, since: string) {
  const out = await clients.autoScaling.send(
    new DescribeScalingActivitiesCommand({ AutoScalingGroupName: group, MaxRecords: 20 }),
  );
  return (out.Activities ?? [])
    .filter((a) => (a.StartTime?.getTime() ?? 0) >= Date.parse(since) - 1000)
    .filter((a) => a.StatusCode === "Failed" || a.StatusCode === "Cancelled")
    .map((a) => ({
      at: a.StartTime?.toISOString(),
      status: a.StatusCode,
      message: a.StatusMessage ?? a.Description,
    }));
}
