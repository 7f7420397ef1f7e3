import { UpdateAutoScalingGroupCommand } from "@aws-sdk/client-auto-scaling";
import { describeGroup, sizes, type GroupSizes } from "@/lib/aws/steps/asg";
import {
  readRecord,
  sameHost,
  upsertAliases,
  waitInsync,
  changeBatch,
  readRecordPlan,
  type Aliases,
} from "@/lib/aws/steps/dns-records";
import {
  need,
  requireChecks,
  type Check,
  type Evidence,
  type Step,
  type StepContext,
} from "@/lib/aws/steps/step";

const switched = (ctx: StepContext) =>
  ctx.earlier.route53_switch as (Evidence & { previous?: Aliases; aliasTo?: string }) | undefined;
const blueBefore = (ctx: StepContext) => ctx.earlier.asg_prescale?.blueBefore as GroupSizes | undefined;

/**
 * Why the backoff may not start for this run, or null: it undoes a DNS switch, so the switch
 * must have succeeded, and it is the failure path, so the result must be FAILED or NO GO.
 */
export function backoffRefusal(run: { result: string | null }, ctx: StepContext): string | null {
  if (!switched(ctx)?.previous)
    return "The back off undoes the DNS switch, and this run's DNS switch has not succeeded; nothing was started.";
  if (run.result !== "FAILED" && run.result !== "NO GO")
    return `The back off runs only when the result is FAILED or NO GO (it is ${run.result ?? "not set"}); nothing was started.`;
  return null;
}

/**
 * Backs a failed promotion off: points the record's aliases (A, and AAAA when the switch
 * changed it) back at the Green targets the DNS switch recorded, waits for INSYNC, and only
 * then restores Blue's Auto Scaling group to the sizes recorded before the prescale.
 */
export const backoffStep: Step = {
  missing: (ctx) => [
    ...need(ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID, "AWS_ROUTE53_HOSTED_ZONE_ID"),
    ...need(ctx.config.AWS_ROUTE53_RECORD_NAME, "AWS_ROUTE53_RECORD_NAME"),
    ...(switched(ctx)?.previous
      ? []
      : ["the Green alias targets the DNS switch records (the switch has not run)"]),
  ],
  plan: (ctx) => {
    const previous = switched(ctx)?.previous;
    const before = blueBefore(ctx);
    return [
      readRecordPlan(ctx, "pre-check: the record points at Blue (or is already back on Green)"),
      {
        service: "Route53",
        operation: "ChangeResourceRecordSets",
        input: changeBatch(
          ctx,
          previous ?? {
            A: {
              hostedZoneId: "(recorded by the DNS switch)",
              dnsName: "(recorded by the DNS switch)",
              evaluateTargetHealth: true,
            },
          },
          `Runsheet run #${ctx.run.number}: back off to Green`,
        ),
      },
      {
        service: "Route53",
        operation: "GetChange",
        input: { Id: "(from ChangeInfo)" },
        note: "until INSYNC",
      },
      {
        service: "AutoScaling",
        operation: "UpdateAutoScalingGroup",
        input: before
          ? {
              AutoScalingGroupName: before.name,
              MinSize: before.min,
              DesiredCapacity: before.desired,
              MaxSize: before.max,
            }
          : { AutoScalingGroupName: "(Blue's group, recorded by the prescale)" },
        note: before
          ? "Blue's sizes before the prescale, after DNS is INSYNC"
          : "skipped: the prescale recorded no sizes",
      },
    ];
  },
  submit: async (ctx, io) => {
    const previous = switched(ctx)!.previous!;
    const blueDns = switched(ctx)!.aliasTo;
    const record = await readRecord(
      io.clients,
      ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID!,
      ctx.config.AWS_ROUTE53_RECORD_NAME!,
    );
    const types = Object.keys(previous) as ("A" | "AAAA")[];
    const back = types.every((t) => sameHost(record.aliases[t]?.dnsName, previous[t]!.dnsName));
    const checks: Check[] = [
      {
        check: "the record has no weighted, latency or failover sets",
        ok: record.routed.length === 0,
        saw:
          record.routed.map((r) => `${r.type} ${r.policy} "${r.setIdentifier}"`).join(", ") ||
          "simple records only",
      },
      ...types.map((t) => ({
        check: `${t} points at Blue (${blueDns}) or already back at Green`,
        ok:
          sameHost(record.aliases[t]?.dnsName, blueDns) ||
          sameHost(record.aliases[t]?.dnsName, previous[t]!.dnsName),
        saw: record.aliases[t]?.dnsName ?? "no alias",
      })),
    ];
    const observed: Evidence = {
      checkedAt: new Date().toISOString(),
      checks,
      restoredTo: previous,
      before: record.aliases,
      blueBefore: blueBefore(ctx),
    };
    requireChecks(checks, observed);
    await io.save(observed);
    const submittedAt = new Date().toISOString();
    if (back) return { ...observed, submittedAt, dnsAlreadyBack: true, changeStatus: "INSYNC" };
    const change = await upsertAliases(
      ctx,
      io.clients,
      previous as Aliases,
      `Runsheet run #${ctx.run.number}: back off to Green`,
    );
    return { ...observed, submittedAt, aliasTo: previous.A?.dnsName, ...change };
  },
  monitor: async (_ctx, io, evidence) => {
    const dns: Evidence = evidence.dnsAlreadyBack ? evidence : await waitInsync(io, evidence);
    const before = evidence.blueBefore as GroupSizes | undefined;
    if (!before)
      return {
        ...dns,
        asg: "not restored: the prescale recorded no sizes",
        completedAt: new Date().toISOString(),
      };
    if (!dns.asgRestoreRequestedAt) {
      await io.clients.autoScaling.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: before.name,
          MinSize: before.min,
          DesiredCapacity: before.desired,
          MaxSize: before.max,
        }),
      );
      dns.asgRestoreRequestedAt = new Date().toISOString();
      await io.save(dns);
    }
    return io.poll(async () => {
      const blue = sizes(await describeGroup(io.clients, before.name));
      const now = { ...dns, blue: { desired: blue.desired, inService: blue.inService } };
      if (blue.desired === before.desired && blue.inService <= before.desired)
        return { ...now, completedAt: new Date().toISOString() };
      await io.save(now);
      return undefined;
    });
  },
};
