import { ChangeResourceRecordSetsCommand, GetChangeCommand } from "@aws-sdk/client-route-53";
import { describeStack, outputOf } from "@/lib/aws/steps/stack-outputs";
import { need, type Step, type StepContext } from "@/lib/aws/steps/step";

function changeBatch(ctx: StepContext, dnsName: string, zoneId: string) {
  return {
    HostedZoneId: ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID,
    ChangeBatch: {
      Comment: `Runsheet run #${ctx.run.number}: switch to Blue stack ${ctx.blueStackId}`,
      Changes: [
        {
          Action: "UPSERT" as const,
          ResourceRecordSet: {
            Name: ctx.config.AWS_ROUTE53_RECORD_NAME,
            Type: "A" as const,
            AliasTarget: { HostedZoneId: zoneId, DNSName: dnsName, EvaluateTargetHealth: false },
          },
        },
      ],
    },
  };
}

export const route53SwitchStep: Step = {
  missing: (ctx) => [
    ...need(ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID, "AWS_ROUTE53_HOSTED_ZONE_ID"),
    ...need(ctx.config.AWS_ROUTE53_RECORD_NAME, "AWS_ROUTE53_RECORD_NAME"),
  ],
  plan: (ctx) => [
    {
      service: "CloudFormation",
      operation: "DescribeStacks",
      input: { StackName: ctx.blueStackId },
      note: `the Blue load balancer from outputs ${ctx.config.AWS_LB_DNS_OUTPUT_KEY} and ${ctx.config.AWS_LB_ZONE_OUTPUT_KEY}`,
    },
    {
      service: "Route53",
      operation: "ChangeResourceRecordSets",
      input: changeBatch(
        ctx,
        `(output ${ctx.config.AWS_LB_DNS_OUTPUT_KEY})`,
        `(output ${ctx.config.AWS_LB_ZONE_OUTPUT_KEY})`,
      ),
    },
    { service: "Route53", operation: "GetChange", input: { Id: "(from ChangeInfo)" }, note: "until INSYNC" },
  ],
  submit: async (ctx, io) => {
    const stack = await describeStack(io.clients, ctx.blueStackId);
    const dnsName = outputOf(stack, ctx.config.AWS_LB_DNS_OUTPUT_KEY);
    const zoneId = outputOf(stack, ctx.config.AWS_LB_ZONE_OUTPUT_KEY);
    const submittedAt = new Date().toISOString();
    // UPSERT of the same alias is harmless, so a resent change needs no token.
    const out = await io.clients.route53.send(
      new ChangeResourceRecordSetsCommand(changeBatch(ctx, dnsName, zoneId)),
    );
    return {
      submittedAt,
      recordName: ctx.config.AWS_ROUTE53_RECORD_NAME,
      aliasTo: dnsName,
      changeId: out.ChangeInfo?.Id,
      changeStatus: out.ChangeInfo?.Status,
    };
  },
  monitor: async (_ctx, io, evidence) => {
    const Id = String(evidence.changeId);
    return io.poll(async () => {
      const out = await io.clients.route53.send(new GetChangeCommand({ Id }));
      const now = { ...evidence, changeStatus: out.ChangeInfo?.Status };
      if (out.ChangeInfo?.Status === "INSYNC") return { ...now, completedAt: new Date().toISOString() };
      await io.save(now);
      return undefined;
    });
  },
};
