import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import type { AwsClients } from "@/lib/aws/clients";
import type { StepContext, StepIo, Evidence } from "@/lib/aws/steps/step";

export type AliasTarget = { hostedZoneId: string; dnsName: string; evaluateTargetHealth: boolean };
/** The alias of each record type (A, AAAA) of the record name, as Route 53 holds it. */
export type Aliases = Partial<Record<"A" | "AAAA", AliasTarget>>;

/** Route 53 answers with a trailing dot and, for load balancers, a "dualstack." prefix. */
export const sameHost = (a: string | undefined, b: string | undefined) => {
  const n = (s?: string) =>
    (s ?? "")
      .toLowerCase()
      .replace(/\.$/, "")
      .replace(/^dualstack\./, "");
  return !!a && !!b && n(a) === n(b);
};

export type RecordRead = {
  aliases: Aliases;
  /** Sets the step must not touch: weighted, latency, failover, geolocation… (they carry a SetIdentifier). */
  routed: { type: string; setIdentifier: string; policy: string }[];
  plain: string[];
};

/** Reads the record's A and AAAA sets (ListResourceRecordSets starts at the name; later names are ignored). */
export async function readRecord(clients: AwsClients, zoneId: string, name: string): Promise<RecordRead> {
  const out = await clients.route53.send(
    new ListResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      StartRecordName: name,
      StartRecordType: "A",
      MaxItems: 20,
    }),
  );
  const mine = (s: ResourceRecordSet) => sameHost(s.Name, name) && (s.Type === "A" || s.Type === "AAAA");
  const read: RecordRead = { aliases: {}, routed: [], plain: [] };
  for (const s of (out.ResourceRecordSets ?? []).filter(mine)) {
    const type = s.Type as "A" | "AAAA";
    if (s.SetIdentifier) {
      const policy =
        s.Weight !== undefined
          ? "weighted"
          : s.Region
            ? "latency"
            : s.Failover
              ? "failover"
              : "routing policy";
      read.routed.push({ type, setIdentifier: s.SetIdentifier, policy });
    } else if (!s.AliasTarget) read.plain.push(type);
    else
      read.aliases[type] = {
        hostedZoneId: s.AliasTarget.HostedZoneId ?? "",
        dnsName: s.AliasTarget.DNSName ?? "",
        evaluateTargetHealth: s.AliasTarget.EvaluateTargetHealth ?? false,
      };
  }
  return read;
}

/** UPSERTs each given type's alias in one batch (Route 53 applies a batch all or nothing). */
export async function upsertAliases(
  ctx: StepContext,
  clients: AwsClients,
  aliases: Aliases,
  comment: string,
) {
  const out = await clients.route53.send(
    new ChangeResourceRecordSetsCommand(changeBatch(ctx, aliases, comment)),
  );
  return { changeId: out.ChangeInfo?.Id, changeStatus: out.ChangeInfo?.Status };
}

/** The plan's line for reading the record before changing it, with what the pre-check looks for. */
export function readRecordPlan(ctx: StepContext, note: string) {
  return {
    service: "Route53",
    operation: "ListResourceRecordSets",
    input: {
      HostedZoneId: ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID ?? "(missing AWS_ROUTE53_HOSTED_ZONE_ID)",
      StartRecordName: ctx.config.AWS_ROUTE53_RECORD_NAME ?? "(missing AWS_ROUTE53_RECORD_NAME)",
    },
    note,
  };
}

export function changeBatch(ctx: StepContext, aliases: Aliases, comment: string) {
  return {
    HostedZoneId: ctx.config.AWS_ROUTE53_HOSTED_ZONE_ID,
    ChangeBatch: {
      Comment: comment,
      Changes: (Object.entries(aliases) as ["A" | "AAAA", AliasTarget][]).map(([type, a]) => ({
        Action: "UPSERT" as const,
        ResourceRecordSet: {
          Name: ctx.config.AWS_ROUTE53_RECORD_NAME,
          Type: type,
          AliasTarget: {
            HostedZoneId: a.hostedZoneId,
            DNSName: a.dnsName,
            EvaluateTargetHealth: a.evaluateTargetHealth,
          },
        },
      })),
    },
  };
}

/** Polls GetChange until Route 53 reports the change INSYNC on all its name servers. */
export function waitInsync(io: StepIo, evidence: Evidence) {
  const Id = String(evidence.changeId);
  return io.poll(async () => {
    const out = await io.clients.route53.send(new GetChangeCommand({ Id }));
    const now = { ...evidence, changeStatus: out.ChangeInfo?.Status };
    if (out.ChangeInfo?.Status === "INSYNC") return { ...now, completedAt: new Date().toISOString() };
    await io.save(now);
    return undefined;
  });
}
