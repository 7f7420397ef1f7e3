import { describeStack, outputOf } from "@/lib/aws/steps/stack-outputs";
import {
  describeGroup,
  greenStackId,
  groupNames,
  healthyTargets,
  sizes,
  targetHealth,
} from "@/lib/aws/steps/asg";
import {
  readRecord,
  sameHost,
  upsertAliases,
  waitInsync,
  changeBatch,
  readRecordPlan,
  type Aliases,
} from "@/lib/aws/steps/dns-records";
import { need, requireChecks, type Check, type Evidence, type Step } from "@/lib/aws/steps/step";

/**
 * Switches the production record from Green's load balancer to Blue's. Before anything changes
 * it reads live state and refuses, saying what it saw, unless: Blue's targets are healthy,
 * the record is a simple alias (A, and AAAA when there is one) that still points at Green,
 * and Blue has at least as many InService instances as Green. What it saw is kept as
 * evidence, the previous alias targets included: the backoff points the record back at them.
 */
export const route53SwitchStep: Step = {
  missing: (ctx) => [
    ...need(ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID, "AWS_ROUTE53_HOSTED_ZONE_ID"),
    ...need(ctx.config.AWS_ROUTE53_RECORD_NAME, "AWS_ROUTE53_RECORD_NAME"),
    ...need(greenStackId(ctx), "the run's Stack ID for prechange Green Stack"),
  ],
  plan: (ctx) => [
    {
      service: "CloudFormation",
      operation: "DescribeStacks",
      input: { StackName: ctx.blueStackId },
      note: `Blue's load balancer from outputs ${ctx.config.AWS_LB_DNS_OUTPUT_KEY} and ${ctx.config.AWS_LB_ZONE_OUTPUT_KEY}`,
    },
    {
      service: "CloudFormation",
      operation: "DescribeStacks",
      input: { StackName: greenStackId(ctx) ?? "(the run's Green stack)" },
      note: "Green's load balancer, which the record must still point at",
    },
    {
      service: "AutoScaling",
      operation: "DescribeAutoScalingGroups",
      input: { AutoScalingGroupNames: ["(Blue's group)", "(Green's group)"] },
      note: "pre-check: Blue InService ≥ Green InService",
    },
    {
      service: "ElasticLoadBalancingV2",
      operation: "DescribeTargetHealth",
      input: { TargetGroupArn: "(Blue's target groups)" },
      note: "pre-check: as many healthy targets as Green has InService instances",
    },
    readRecordPlan(
      ctx,
      "pre-check: a simple alias to Green (A, and AAAA if present); the current targets are recorded for the backoff",
    ),
    {
      service: "Route53",
      operation: "ChangeResourceRecordSets",
      input: changeBatch(
        ctx,
        {
          A: {
            hostedZoneId: `(output ${ctx.config.AWS_LB_ZONE_OUTPUT_KEY})`,
            dnsName: `(output ${ctx.config.AWS_LB_DNS_OUTPUT_KEY})`,
            evaluateTargetHealth: true,
          },
        },
        `Runsheet run #${ctx.run.number}: switch to Blue stack ${ctx.blueStackId}`,
      ),
      note: "UPSERT of A, and of AAAA when the record has one",
    },
    { service: "Route53", operation: "GetChange", input: { Id: "(from ChangeInfo)" }, note: "until INSYNC" },
  ],
  submit: async (ctx, io) => {
    const zoneId = ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID!;
    const recordName = ctx.config.AWS_ROUTE53_RECORD_NAME!;
    const prior = io.evidence();
    const blueStack = await describeStack(io.clients, ctx.blueStackId);
    const blueLb = {
      dnsName: outputOf(blueStack, ctx.config.AWS_LB_DNS_OUTPUT_KEY),
      hostedZoneId: outputOf(blueStack, ctx.config.AWS_LB_ZONE_OUTPUT_KEY),
    };
    const greenLb = outputOf(
      await describeStack(io.clients, greenStackId(ctx)!),
      ctx.config.AWS_LB_DNS_OUTPUT_KEY,
    );
    const names = await groupNames(ctx, io.clients);
    const blue = sizes(await describeGroup(io.clients, names.blue));
    const green = sizes(await describeGroup(io.clients, names.green));
    const health = await targetHealth(io.clients, blue.targetGroupArns);
    const record = await readRecord(io.clients, zoneId, recordName);
    // A restart after the record was read but before the change: the targets read then are Green's.
    const previous = (prior.previous as Aliases | undefined) ?? record.aliases;
    const types = Object.keys(record.aliases) as ("A" | "AAAA")[];
    const checks: Check[] = [
      {
        check: "Blue's target groups have as many healthy targets as Green has InService instances",
        ok: healthyTargets(health) >= Math.max(1, green.inService),
        saw: health.length
          ? health
              .map(
                (h) =>
                  `${h.healthy} healthy of ${h.total} (${Object.entries(h.states)
                    .map(([s, n]) => `${n} ${s}`)
                    .join(", ")})`,
              )
              .join("; ")
          : "no target group on Blue's Auto Scaling group",
      },
      {
        check: "Blue's InService instances are at least Green's",
        ok: blue.inService >= green.inService,
        saw: `Blue ${blue.inService} InService, Green ${green.inService}`,
      },
      {
        check: `${recordName} has no weighted, latency or failover sets`,
        ok: record.routed.length === 0,
        saw: record.routed.length
          ? record.routed.map((r) => `${r.type} ${r.policy} set "${r.setIdentifier}"`).join(", ") +
            " — switch these by hand"
          : "simple records only",
      },
      {
        check: `${recordName} is an alias record (A)`,
        ok: !!record.aliases.A || !!prior.previous,
        saw: types.length
          ? `alias ${types.join(" and ")}`
          : record.plain.length
            ? `plain ${record.plain.join(", ")} records`
            : "no A record",
      },
      ...types.map((type) => ({
        check: `${type} still points at Green's load balancer`,
        ok: sameHost(previous[type]?.dnsName, greenLb),
        saw: `${record.aliases[type]!.dnsName}`,
      })),
    ];
    const observed: Evidence = {
      checkedAt: new Date().toISOString(),
      checks,
      recordName,
      previous,
      greenLoadBalancer: greenLb,
      blue: { name: blue.name, inService: blue.inService },
      green: { name: green.name, inService: green.inService },
      health,
    };
    if (!prior.previous) requireChecks(checks, observed);
    await io.save(observed);
    const submittedAt = new Date().toISOString();
    const to: Aliases = {};
    for (const type of Object.keys(previous) as ("A" | "AAAA")[])
      to[type] = { ...blueLb, evaluateTargetHealth: previous[type]!.evaluateTargetHealth };
    const change = await upsertAliases(
      ctx,
      io.clients,
      to,
      `Runsheet run #${ctx.run.number}: switch to Blue stack ${ctx.blueStackId}`,
    );
    return { ...observed, submittedAt, aliasTo: blueLb.dnsName, types: Object.keys(to), ...change };
  },
  monitor: async (_ctx, io, evidence) => waitInsync(io, evidence),
};
