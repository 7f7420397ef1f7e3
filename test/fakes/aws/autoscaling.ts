/**
 * Auto Scaling on the query protocol, with the rules of
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html
 * (MinSize ≤ DesiredCapacity ≤ MaxSize, else ValidationError) and scaling activities as
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeScalingActivities.html
 * describes them (StatusCode Successful, or Failed/Cancelled with a StatusMessage).
 */
import { randomUUID } from "node:crypto";
import { awsError, memberList, members, queryOk, tag, type Handler } from "./wire";
import type { FakeAws, FakeGroup } from "./state";

const NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

function activity(
  fake: FakeAws,
  g: FakeGroup,
  status: "Successful" | "Failed" | "InProgress",
  description: string,
  message?: string,
) {
  fake.activities.unshift({
    id: randomUUID(),
    group: g.name,
    at: new Date(),
    status,
    description,
    cause: `At ${new Date().toISOString()} a user request update of AutoScalingGroup constraints changed the desired capacity to ${g.desired}.`,
    message,
  });
}

/** Instances launch one per describe; a launch failure leaves a Failed activity and no instance. */
function progress(fake: FakeAws, g: FakeGroup) {
  if (g.inService > g.desired) g.inService = g.desired;
  if (g.inService >= g.desired) return;
  if (g.launchFailure) {
    if (!fake.activities.some((a) => a.group === g.name && a.status === "Failed"))
      activity(
        fake,
        g,
        "Failed",
        "Launching a new EC2 instance.  Status Reason: " + g.launchFailure,
        g.launchFailure,
      );
    return;
  }
  g.inService++;
  if (g.inService === g.desired) activity(fake, g, "Successful", "Launching a new EC2 instance");
}

const instances = (g: FakeGroup) =>
  Array.from(
    { length: g.launchFailure ? g.inService : Math.max(g.desired, g.inService) },
    (_, i) =>
      tag("InstanceId", `i-${g.name.slice(10, 14)}${String(i).padStart(13, "0")}`) +
      tag("AvailabilityZone", "us-east-1a") +
      tag("LifecycleState", i < g.inService ? "InService" : "Pending") +
      tag("HealthStatus", "Healthy") +
      tag("ProtectedFromScaleIn", false),
  );

export function autoScaling(fake: FakeAws, form: URLSearchParams): Handler {
  const op = form.get("Action") ?? "";
  const apply = () => {
    switch (op) {
      case "DescribeAutoScalingGroups": {
        const groups = memberList(form, "AutoScalingGroupNames")
          .map((n) => fake.groups.get(n))
          .filter((g) => !!g);
        for (const g of groups) progress(fake, g);
        const xml = groups.map(
          (g) =>
            tag("AutoScalingGroupName", g.name) +
            tag("MinSize", g.min) +
            tag("MaxSize", g.max) +
            tag("DesiredCapacity", g.desired) +
            tag("DefaultCooldown", 300) +
            `<AvailabilityZones>${members(["us-east-1a"])}</AvailabilityZones>` +
            tag("HealthCheckType", "ELB") +
            tag("CreatedTime", "2026-01-05T10:00:00.000Z") +
            `<TargetGroupARNs>${members(g.targetGroupArns)}</TargetGroupARNs>` +
            `<Instances>${members(instances(g))}</Instances>`,
        );
        return queryOk(op, NS, `<AutoScalingGroups>${members(xml)}</AutoScalingGroups>`);
      }
      case "DescribeScalingActivities": {
        const name = form.get("AutoScalingGroupName");
        const list = fake.activities.filter((a) => !name || a.group === name).slice(0, 100);
        const xml = list.map(
          (a) =>
            tag("ActivityId", a.id) +
            tag("AutoScalingGroupName", a.group) +
            tag("Description", a.description) +
            tag("Cause", a.cause) +
            tag("StartTime", a.at.toISOString()) +
            tag("StatusCode", a.status) +
            tag("StatusMessage", a.message) +
            tag("Progress", a.status === "InProgress" ? 30 : 100),
        );
        return queryOk(op, NS, `<Activities>${members(xml)}</Activities>`);
      }
      case "UpdateAutoScalingGroup": {
        const g = fake.groups.get(form.get("AutoScalingGroupName") ?? "");
        if (!g) throw awsError("query", 400, "ValidationError", "AutoScalingGroup name not found - null");
        const num = (k: string, d: number) => (form.has(k) ? Number(form.get(k)) : d);
        const next = {
          min: num("MinSize", g.min),
          max: num("MaxSize", g.max),
          desired: num("DesiredCapacity", g.desired),
        };
        if (next.min > next.max)
          throw awsError(
            "query",
            400,
            "ValidationError",
            `Max bound, ${next.max}, must be greater than or equal to min bound, ${next.min}`,
          );
        if (next.desired < next.min || next.desired > next.max)
          throw awsError(
            "query",
            400,
            "ValidationError",
            `Desired capacity:${next.desired} must be between the specified min size:${next.min} and max size:${next.max}`,
          );
        const changed = next.desired !== g.desired || next.min !== g.min || next.max !== g.max;
        Object.assign(g, next);
        if (changed) {
          fake.applied[op] = (fake.applied[op] ?? 0) + 1;
          if (g.desired < g.inService) {
            g.inService = g.desired;
            activity(fake, g, "Successful", "Terminating EC2 instance");
          }
        }
        return queryOk(op, NS, "");
      }
    }
    throw awsError("query", 400, "InvalidAction", `Unknown action ${op}`);
  };
  return { op, action: `autoscaling:${op}`, protocol: "query", apply };
}
