/**
 * One local HTTP server that answers the AWS APIs the automation steps call on their own wire
 * protocols, so the real SDK clients (pointed at it with `endpoint`) sign, serialise, parse
 * and retry as they would against AWS. Strict: each service file applies the rules of its API
 * reference, and any action outside lib/aws/iam-actions.ts is refused with AccessDenied, as
 * the least-privilege policy of docs/AWS.md would. It counts calls per operation and can be
 * told to fail (throttle, 500, a timeout after the call took effect).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { IAM_ACTIONS } from "@/lib/aws/iam-actions";
import { autoScaling } from "./autoscaling";
import { backup } from "./backup";
import { cloudFormation, makeStack } from "./cloudformation";
import { elbv2 } from "./elbv2";
import { postCutover } from "./post-cutover";
import { route53 } from "./route53";
import {
  BACKUP_ROLE_ARN,
  BLUE_LB_DNS,
  BLUE_STACK_ID,
  GREEN_LB_DNS,
  GREEN_STACK_ID,
  LB_ZONE_ID,
  RECORD_NAME,
  normalName,
  targetGroupArn,
  type Fault,
  type FakeAws,
} from "./state";
import { awsError, AwsFault, type Answer, type Handler } from "./wire";

function seed(fake: FakeAws) {
  for (const color of ["blue", "green"] as const) {
    const id = color === "blue" ? BLUE_STACK_ID : GREEN_STACK_ID;
    fake.stacks.set(
      id,
      makeStack(id, `andromeda-${color}`, {
        AutoScalingGroupName: `andromeda-${color}-asg`,
        LoadBalancerDNSName: color === "blue" ? BLUE_LB_DNS : GREEN_LB_DNS,
        LoadBalancerCanonicalHostedZoneId: LB_ZONE_ID,
      }),
    );
    const size = color === "blue" ? 2 : 6;
    fake.groups.set(`andromeda-${color}-asg`, {
      name: `andromeda-${color}-asg`,
      min: size,
      max: 10,
      desired: size,
      inService: size,
      targetGroupArns: [targetGroupArn(color)],
    });
    fake.targetGroups.set(targetGroupArn(color), {
      arn: targetGroupArn(color),
      group: `andromeda-${color}-asg`,
      healthLag: 0,
      unhealthy: 0,
    });
  }
  // Production traffic goes to Green: an A and an AAAA alias to its load balancer.
  for (const type of ["A", "AAAA"])
    fake.recordSets.push({
      name: RECORD_NAME,
      type,
      alias: { hostedZoneId: LB_ZONE_ID, dnsName: `dualstack.${GREEN_LB_DNS}`, evaluateTargetHealth: true },
    });
}

const send = (res: ServerResponse, a: Answer) => {
  res.writeHead(a.status ?? 200, {
    "content-type": a.type === "xml" ? "text/xml" : "application/json",
    "x-amzn-requestid": randomUUID(),
    ...a.headers,
  });
  res.end(a.body);
};

export async function startFakeAws(opts: { port?: number } = {}): Promise<FakeAws> {
  const faults = new Map<string, Fault & { left: number }>();
  const allowed = new Set<string>(IAM_ACTIONS);
  const fake: FakeAws = {
    url: "",
    calls: {},
    applied: {},
    denied: [],
    stacks: new Map(),
    groups: new Map(),
    activities: [],
    targetGroups: new Map(),
    backupJobs: new Map(),
    recoveryPointTags: new Map(),
    backupRoles: new Set([BACKUP_ROLE_ARN]),
    optedIn: new Set(["RDS", "DynamoDB", "EFS", "EC2"]),
    backupOutcome: "COMPLETED",
    changes: new Map(),
    recordSets: [],
    tests: { mode: "async", status: 200, passed: true, polls: 2, bodies: [] },
    pollsToComplete: 3,
    fail: (operation, fault) => faults.set(operation, { ...fault, left: fault.times ?? 1 }),
    stack: (key) => {
      const found = [...fake.stacks.values()].find((s) => s.id === key || s.name === key);
      if (!found) throw new Error(`no fake stack ${key}`);
      return found;
    },
    aliasOf: (name, type = "A") =>
      fake.recordSets.find((s) => s.name === normalName(name) && s.type === type && !s.setIdentifier)?.alias
        ?.dnsName,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close would wait for them.
        server.closeAllConnections();
      }),
  };
  seed(fake);

  const route = (method: string, url: URL, body: string): Handler | null => {
    if (method === "POST" && url.pathname === "/" && body.includes("Action=")) {
      const form = new URLSearchParams(body);
      const version = form.get("Version");
      if (version === "2011-01-01") return autoScaling(fake, form);
      if (version === "2015-12-01") return elbv2(fake, form);
      return cloudFormation(fake, form);
    }
    return backup(fake, method, url, body) ?? route53(fake, method, url, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    // For end-to-end specs, which run in another process than the fake.
    // Specs share one fake: each starts from the seeded infrastructure (Green live, Blue small).
    if (method === "POST" && url.pathname === "/_fake/reset") {
      reset(fake);
      return send(res, { type: "json", body: "{}" });
    }
    if (method === "POST" && url.pathname === "/_fake/tests") {
      Object.assign(fake.tests, JSON.parse(body || "{}") as Partial<FakeAws["tests"]>);
      return send(res, { type: "json", body: JSON.stringify(fake.tests) });
    }
    if (method === "GET" && url.pathname === "/_fake/state")
      return send(res, { type: "json", body: JSON.stringify(stateOf(fake)) });
    const harness = postCutover(fake, method, url, body);
    if (harness) return send(res, harness);
    const handler = route(method, url, body);
    if (!handler)
      return send(res, {
        status: 404,
        type: "json",
        body: JSON.stringify({ message: `fake AWS: no route ${method} ${url.pathname}` }),
      });
    fake.calls[handler.op] = (fake.calls[handler.op] ?? 0) + 1;
    // The least-privilege policy: anything not granted is refused before it is looked at.
    if (!allowed.has(handler.action)) {
      fake.denied.push(handler.action);
      const code = handler.protocol === "json" ? "AccessDeniedException" : "AccessDenied";
      return send(
        res,
        awsError(
          handler.protocol,
          403,
          code,
          `User: arn:aws:sts::123456789012:assumed-role/runsheet/app is not authorized to perform: ${handler.action}`,
        ).answer,
      );
    }
    const fault = faults.get(handler.op);
    if (fault && fault.left > 0) {
      fault.left--;
      if (fault.afterApply) {
        try {
          handler.apply();
        } catch {
          // The call's own refusal is not what this fault is about.
        }
      }
      if (fault.type === "timeout") {
        // Never answered: the client's request timeout fires and its retry strategy takes over.
        setTimeout(() => res.destroy(), 30_000).unref();
        return;
      }
      if (fault.type === "500")
        return send(
          res,
          awsError(handler.protocol, 500, "InternalFailure", "We encountered an internal error.").answer,
        );
      const code = handler.protocol === "json" ? "ThrottlingException" : "Throttling";
      return send(res, awsError(handler.protocol, 400, code, "Rate exceeded").answer);
    }
    try {
      send(res, handler.apply());
    } catch (err) {
      if (err instanceof AwsFault) return send(res, err.answer);
      send(res, awsError(handler.protocol, 500, "InternalFailure", String(err)).answer);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function reset(fake: FakeAws) {
  for (const m of [
    fake.stacks,
    fake.groups,
    fake.targetGroups,
    fake.backupJobs,
    fake.recoveryPointTags,
    fake.changes,
  ])
    m.clear();
  for (const a of [fake.activities, fake.recordSets, fake.denied, fake.tests.bodies]) a.splice(0, a.length);
  for (const k of Object.keys(fake.calls)) delete fake.calls[k];
  for (const k of Object.keys(fake.applied)) delete fake.applied[k];
  Object.assign(fake.tests, { mode: "async", status: 200, passed: true, polls: 2 });
  seed(fake);
}

function stateOf(fake: FakeAws) {
  return {
    calls: fake.calls,
    applied: fake.applied,
    denied: fake.denied,
    backupJobs: [...fake.backupJobs.values()].map((j) => ({ id: j.id, state: j.state, input: j.input })),
    stacks: [...fake.stacks.values()].map((st) => ({
      id: st.id,
      status: st.status,
      parameters: st.parameters,
    })),
    groups: [...fake.groups.values()],
    changes: [...fake.changes.keys()],
    records: Object.fromEntries(
      fake.recordSets.filter((s) => !s.setIdentifier).map((s) => [`${s.name} ${s.type}`, s.alias?.dnsName]),
    ),
  };
}
