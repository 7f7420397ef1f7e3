/**
 * Route 53 on REST-XML, with the rules of
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html
 * (a batch is all or nothing; InvalidChangeBatch for a DELETE of a missing set, an alias into
 * a zone that is not the load balancer's, a simple set beside weighted/latency/failover sets
 * of the same name and type) and ListResourceRecordSets
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html:
 * sets from the given name and type on, names with their trailing dot).
 */
import { randomUUID } from "node:crypto";
import { awsError, tag, type Handler } from "./wire";
import { HOSTED_ZONE_ID, LB_ZONE_ID, normalName, type FakeAws, type FakeRecordSet } from "./state";

const NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const routed = (s: FakeRecordSet) => s.setIdentifier !== undefined;

function parseChanges(body: string) {
  return [...body.matchAll(/<Change>([\s\S]*?)<\/Change>/g)].map((m) => {
    const xml = m[1]!;
    const alias = /<AliasTarget>([\s\S]*?)<\/AliasTarget>/.exec(xml)?.[1];
    const set: FakeRecordSet = {
      name: normalName(field(xml, "Name") ?? ""),
      type: field(xml, "Type") ?? "",
      setIdentifier: field(xml, "SetIdentifier"),
      weight: field(xml, "Weight") === undefined ? undefined : Number(field(xml, "Weight")),
      alias: alias
        ? {
            hostedZoneId: field(alias, "HostedZoneId") ?? "",
            dnsName: normalName(field(alias, "DNSName") ?? ""),
            evaluateTargetHealth: field(alias, "EvaluateTargetHealth") === "true",
          }
        : undefined,
    };
    return { action: field(xml, "Action") ?? "", set };
  });
}

const setXml = (s: FakeRecordSet) =>
  `<ResourceRecordSet>${tag("Name", `${s.name}.`)}${tag("Type", s.type)}${tag("SetIdentifier", s.setIdentifier)}${tag("Weight", s.weight)}${tag("Region", s.region)}${tag("Failover", s.failover)}` +
  (s.alias
    ? `<AliasTarget>${tag("HostedZoneId", s.alias.hostedZoneId)}${tag("DNSName", `${s.alias.dnsName}.`)}${tag("EvaluateTargetHealth", s.alias.evaluateTargetHealth)}</AliasTarget>`
    : `${tag("TTL", s.ttl)}<ResourceRecords>${(s.values ?? []).map((v) => `<ResourceRecord>${tag("Value", v)}</ResourceRecord>`).join("")}</ResourceRecords>`) +
  `</ResourceRecordSet>`;

export function route53(fake: FakeAws, method: string, url: URL, body: string): Handler | null {
  const path = url.pathname;
  const zoneOf = (id: string) => {
    if (decodeURIComponent(id) !== HOSTED_ZONE_ID)
      throw awsError("restxml", 404, "NoSuchHostedZone", `No hosted zone found with ID: ${id}`);
  };
  const rrset = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/.exec(path);
  const changeInfo = (c: { id: string; polls: number; submittedAt: Date }) =>
    `<ChangeInfo>${tag("Id", `/change/${c.id}`)}${tag("Status", c.polls <= 0 ? "INSYNC" : "PENDING")}${tag("SubmittedAt", c.submittedAt.toISOString())}</ChangeInfo>`;
  if (method === "GET" && rrset)
    return {
      op: "ListResourceRecordSets",
      action: "route53:ListResourceRecordSets",
      protocol: "restxml",
      apply: () => {
        zoneOf(rrset[1]!);
        const start = normalName(url.searchParams.get("name") ?? "");
        const type = url.searchParams.get("type");
        const max = Number(url.searchParams.get("maxitems") ?? 300);
        const sorted = [...fake.recordSets].sort(
          (a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type),
        );
        const from = sorted.filter(
          (s) => !start || s.name > start || (s.name === start && (!type || s.type >= type)),
        );
        const page = from.slice(0, max);
        return {
          type: "xml",
          body: `<?xml version="1.0"?><ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets>${page.map(setXml).join("")}</ResourceRecordSets>${tag("IsTruncated", from.length > max)}${tag("MaxItems", max)}</ListResourceRecordSetsResponse>`,
        };
      },
    };
  if (method === "POST" && rrset)
    return {
      op: "ChangeResourceRecordSets",
      action: "route53:ChangeResourceRecordSets",
      protocol: "restxml",
      apply: () => {
        zoneOf(rrset[1]!);
        const changes = parseChanges(body);
        const next = [...fake.recordSets];
        const problems: string[] = [];
        for (const { action, set } of changes) {
          const same = (s: FakeRecordSet) => s.name === set.name && s.type === set.type;
          const index = next.findIndex((s) => same(s) && s.setIdentifier === set.setIdentifier);
          if (set.alias && set.alias.hostedZoneId !== LB_ZONE_ID && set.alias.hostedZoneId !== HOSTED_ZONE_ID)
            problems.push(
              `Tried to create an alias that targets ${set.alias.dnsName}., type ${set.type} in zone ${set.alias.hostedZoneId}, but the alias target name does not lie within the target zone`,
            );
          else if (action === "DELETE") {
            if (index < 0)
              problems.push(
                `Tried to delete resource record set [name='${set.name}.', type='${set.type}'] but it was not found`,
              );
            else next.splice(index, 1);
          } else if (!routed(set) && next.some((s) => same(s) && routed(s)))
            problems.push(
              `RRSet with DNS name ${set.name}., type ${set.type} cannot be created as weighted, latency or failover sets exist with the same name and type.`,
            );
          else if (action === "CREATE" && index >= 0)
            problems.push(
              `Tried to create resource record set [name='${set.name}.', type='${set.type}'] but it already exists`,
            );
          else if (index >= 0) next[index] = set;
          else next.push(set);
        }
        if (!changes.length) problems.push("The request contains no changes.");
        if (problems.length) throw awsError("restxml", 400, "InvalidChangeBatch", problems.join("; "));
        fake.recordSets.splice(0, fake.recordSets.length, ...next);
        const c = {
          id: `C${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`,
          polls: fake.pollsToComplete,
          submittedAt: new Date(),
          body,
        };
        fake.changes.set(c.id, c);
        fake.applied.ChangeResourceRecordSets = (fake.applied.ChangeResourceRecordSets ?? 0) + 1;
        return {
          type: "xml",
          body: `<?xml version="1.0"?><ChangeResourceRecordSetsResponse xmlns="${NS}">${changeInfo(c)}</ChangeResourceRecordSetsResponse>`,
        };
      },
    };
  const change = /^\/2013-04-01\/change\/([^/]+)$/.exec(path);
  if (method === "GET" && change)
    return {
      op: "GetChange",
      action: "route53:GetChange",
      protocol: "restxml",
      apply: () => {
        const c = fake.changes.get(decodeURIComponent(change[1]!));
        if (!c)
          throw awsError("restxml", 404, "NoSuchChange", `Could not find resource with ID: ${change[1]}`);
        c.polls--;
        return {
          type: "xml",
          body: `<?xml version="1.0"?><GetChangeResponse xmlns="${NS}">${changeInfo(c)}</GetChangeResponse>`,
        };
      },
    };
  return null;
}
