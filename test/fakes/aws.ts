/**
 * One local HTTP server that answers the AWS APIs the automation steps call, on their own
 * wire formats, so that the real SDK clients (pointed at it with `endpoint`) sign, serialise,
 * parse and retry as they would against AWS. It keeps state, counts calls per operation and
 * can be told to fail. Also answers the post-cutover test webhook at POST /post-cutover-tests.
 *
 * CloudFormation and Auto Scaling: the query protocol (form-encoded POST /, XML answers).
 * Backup: REST-JSON (PUT /backup-jobs, GET /backup-jobs/{id}).
 * Route 53: REST-XML (POST /2013-04-01/hostedzone/{id}/rrset, GET /2013-04-01/change/{id}).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = {
  type: "500" | "throttle" | "timeout";
  /** How many calls of the operation fail this way; 1 unless given. */
  times?: number;
  /** The call takes effect before its answer is lost, as when a response goes missing. */
  afterApply?: boolean;
};

type StackEvent = {
  id: string;
  at: Date;
  logicalResourceId: string;
  resourceType: string;
  status: string;
  reason?: string;
  token?: string;
};

export type FakeStack = {
  id: string;
  name: string;
  status: string;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  capabilities: string[];
  events: StackEvent[];
  /** DescribeStacks calls left before an update in progress ends. */
  pollsLeft: number;
  /** How the next update ends. */
  outcome: "UPDATE_COMPLETE" | "UPDATE_ROLLBACK_COMPLETE";
  tokens: Set<string>;
};

export type FakeGroup = { name: string; min: number; max: number; desired: number; inService: number };

export type FakeAws = {
  url: string;
  /** Requests received per operation, failed ones included. */
  calls: Record<string, number>;
  /** Calls that changed something (an idempotent repeat does not). */
  applied: Record<string, number>;
  stacks: Map<string, FakeStack>;
  groups: Map<string, FakeGroup>;
  backupJobs: Map<string, { id: string; state: string; polls: number; input: Record<string, unknown> }>;
  changes: Map<string, { id: string; polls: number; submittedAt: Date; body: string }>;
  records: Map<string, string>;
  tests: { status: number; passed: boolean; bodies: unknown[] };
  /** Polls a job, stack update, scale-up or DNS change takes to finish. */
  pollsToComplete: number;
  fail: (operation: string, fault: Fault) => void;
  stack: (nameOrId: string) => FakeStack;
  close: () => Promise<void>;
};

export const FAKE_ACCOUNT = "123456789012";
export const BLUE_STACK_ID = `arn:aws:cloudformation:us-east-1:${FAKE_ACCOUNT}:stack/andromeda-blue/0b5e1a1e-0000-4000-8000-000000000001`;
export const GREEN_STACK_ID = `arn:aws:cloudformation:us-east-1:${FAKE_ACCOUNT}:stack/andromeda-green/0b5e1a1e-0000-4000-8000-000000000002`;
export const BLUE_LB_DNS = "andromeda-blue-lb-1234567890.us-east-1.elb.amazonaws.com";
export const LB_ZONE_ID = "Z35SXDOTRQ7X7K";
export const HOSTED_ZONE_ID = "Z0FAKEHOSTEDZONE";

const esc = (s: unknown) =>
  String(s).replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
const members = (items: string[]) => items.map((i) => `<member>${i}</member>`).join("");
const tag = (name: string, value: unknown) => (value === undefined ? "" : `<${name}>${esc(value)}</${name}>`);

function makeStack(id: string, name: string, color: "blue" | "green"): FakeStack {
  return {
    id,
    name,
    status: "UPDATE_COMPLETE",
    parameters: { ContainerVersion: "4.2.0", DesiredCount: "2", Environment: "production" },
    outputs: {
      AutoScalingGroupName: `andromeda-${color}-asg`,
      LoadBalancerDNSName:
        color === "blue" ? BLUE_LB_DNS : "andromeda-green-lb-0987654321.us-east-1.elb.amazonaws.com",
      LoadBalancerCanonicalHostedZoneId: LB_ZONE_ID,
    },
    capabilities: ["CAPABILITY_IAM"],
    events: [],
    pollsLeft: 0,
    outcome: "UPDATE_COMPLETE",
    tokens: new Set(),
  };
}

export async function startFakeAws(opts: { port?: number } = {}): Promise<FakeAws> {
  const faults = new Map<string, Fault & { left: number }>();
  const fake: FakeAws = {
    url: "",
    calls: {},
    applied: {},
    stacks: new Map(),
    groups: new Map(),
    backupJobs: new Map(),
    changes: new Map(),
    records: new Map(),
    tests: { status: 200, passed: true, bodies: [] },
    pollsToComplete: 3,
    fail: (operation, fault) => faults.set(operation, { ...fault, left: fault.times ?? 1 }),
    stack: (key) => {
      const found = [...fake.stacks.values()].find((s) => s.id === key || s.name === key);
      if (!found) throw new Error(`no fake stack ${key}`);
      return found;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close would wait for them.
        server.closeAllConnections();
      }),
  };
  for (const s of [
    makeStack(BLUE_STACK_ID, "andromeda-blue", "blue"),
    makeStack(GREEN_STACK_ID, "andromeda-green", "green"),
  ])
    fake.stacks.set(s.id, s);
  fake.groups.set("andromeda-blue-asg", {
    name: "andromeda-blue-asg",
    min: 2,
    max: 10,
    desired: 2,
    inService: 2,
  });
  fake.groups.set("andromeda-green-asg", {
    name: "andromeda-green-asg",
    min: 6,
    max: 10,
    desired: 6,
    inService: 6,
  });

  const count = (bucket: Record<string, number>, op: string) => (bucket[op] = (bucket[op] ?? 0) + 1);

  type Answer = { status?: number; type: "xml" | "json"; body: string; headers?: Record<string, string> };
  type Handler = { op: string; protocol: "query" | "json" | "restxml"; apply: () => Answer };

  const awsError = (protocol: Handler["protocol"], status: number, code: string, message: string): Answer => {
    if (protocol === "json")
      return {
        status,
        type: "json",
        body: JSON.stringify({ message }),
        headers: { "x-amzn-errortype": code },
      };
    const type = status >= 500 ? "Receiver" : "Sender";
    return {
      status,
      type: "xml",
      body: `<ErrorResponse><Error><Type>${type}</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    };
  };

  const queryOk = (op: string, ns: string, result: string) => ({
    type: "xml" as const,
    body: `<${op}Response xmlns="${ns}">${result ? `<${op}Result>${result}</${op}Result>` : ""}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${op}Response>`,
  });

  // ---- CloudFormation
  const CFN_NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  const pushEvent = (
    s: FakeStack,
    logicalResourceId: string,
    resourceType: string,
    status: string,
    reason?: string,
    token?: string,
  ) =>
    s.events.unshift({
      id: randomUUID(),
      at: new Date(),
      logicalResourceId,
      resourceType,
      status,
      reason,
      token,
    });
  const advanceStack = (s: FakeStack) => {
    if (!s.status.endsWith("_IN_PROGRESS")) return;
    if (--s.pollsLeft > 0) return;
    const token = [...s.tokens].at(-1);
    if (s.outcome === "UPDATE_COMPLETE") {
      pushEvent(s, "Service", "AWS::ECS::Service", "UPDATE_COMPLETE", undefined, token);
      s.status = "UPDATE_COMPLETE";
    } else {
      pushEvent(
        s,
        "Service",
        "AWS::ECS::Service",
        "UPDATE_FAILED",
        "Task failed ELB health checks in (target-group andromeda-blue-tg)",
        token,
      );
      pushEvent(
        s,
        s.name,
        "AWS::CloudFormation::Stack",
        "UPDATE_ROLLBACK_IN_PROGRESS",
        "The following resource(s) failed to update: [Service].",
        token,
      );
      pushEvent(s, "Service", "AWS::ECS::Service", "UPDATE_COMPLETE", undefined, token);
      s.status = "UPDATE_ROLLBACK_COMPLETE";
    }
    pushEvent(s, s.name, "AWS::CloudFormation::Stack", s.status, undefined, token);
  };
  const stackXml = (s: FakeStack) =>
    `<member>${tag("StackId", s.id)}${tag("StackName", s.name)}${tag("CreationTime", "2026-01-05T10:00:00.000Z")}${tag("StackStatus", s.status)}` +
    `<Parameters>${members(Object.entries(s.parameters).map(([k, v]) => tag("ParameterKey", k) + tag("ParameterValue", v)))}</Parameters>` +
    `<Outputs>${members(Object.entries(s.outputs).map(([k, v]) => tag("OutputKey", k) + tag("OutputValue", v)))}</Outputs>` +
    `<Capabilities>${members(s.capabilities.map(esc))}</Capabilities></member>`;

  const cloudFormation = (form: URLSearchParams): Handler => {
    const op = form.get("Action") ?? "";
    const find = () => {
      const key = form.get("StackName") ?? "";
      const s = [...fake.stacks.values()].find((x) => x.id === key || x.name === key);
      if (!s) throw awsError("query", 400, "ValidationError", `Stack with id ${key} does not exist`);
      return s;
    };
    const apply = (): Answer => {
      switch (op) {
        case "DescribeStacks": {
          const s = find();
          advanceStack(s);
          return queryOk(op, CFN_NS, `<Stacks>${stackXml(s)}</Stacks>`);
        }
        case "DescribeStackEvents": {
          const s = find();
          const events = s.events.map(
            (e) =>
              tag("StackId", s.id) +
              tag("EventId", e.id) +
              tag("StackName", s.name) +
              tag("LogicalResourceId", e.logicalResourceId) +
              tag("ResourceType", e.resourceType) +
              tag("Timestamp", e.at.toISOString()) +
              tag("ResourceStatus", e.status) +
              tag("ResourceStatusReason", e.reason) +
              tag("ClientRequestToken", e.token),
          );
          return queryOk(op, CFN_NS, `<StackEvents>${members(events)}</StackEvents>`);
        }
        case "UpdateStack": {
          const s = find();
          const token = form.get("ClientRequestToken") ?? "";
          if (token && s.tokens.has(token)) return queryOk(op, CFN_NS, tag("StackId", s.id));
          if (s.status.endsWith("_IN_PROGRESS"))
            throw awsError(
              "query",
              400,
              "ValidationError",
              `Stack:${s.id} is in ${s.status} state and can not be updated.`,
            );
          if (form.get("UsePreviousTemplate") !== "true")
            throw awsError(
              "query",
              400,
              "ValidationError",
              "This fake supports UsePreviousTemplate updates only.",
            );
          const next: Record<string, string> = {};
          for (let i = 1; form.has(`Parameters.member.${i}.ParameterKey`); i++) {
            const key = form.get(`Parameters.member.${i}.ParameterKey`)!;
            if (form.get(`Parameters.member.${i}.UsePreviousValue`) === "true")
              next[key] = s.parameters[key]!;
            else next[key] = form.get(`Parameters.member.${i}.ParameterValue`) ?? "";
          }
          const omitted = Object.keys(s.parameters).filter((k) => !(k in next));
          if (omitted.length)
            throw awsError(
              "query",
              400,
              "ValidationError",
              `Parameters: [${omitted.join(", ")}] must have values`,
            );
          s.parameters = next;
          s.tokens.add(token);
          s.status = "UPDATE_IN_PROGRESS";
          s.pollsLeft = fake.pollsToComplete;
          pushEvent(s, s.name, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", token);
          pushEvent(s, "Service", "AWS::ECS::Service", "UPDATE_IN_PROGRESS", undefined, token);
          count(fake.applied, op);
          return queryOk(op, CFN_NS, tag("StackId", s.id));
        }
      }
      throw awsError("query", 400, "InvalidAction", `Unknown action ${op}`);
    };
    return { op, protocol: "query", apply };
  };

  // ---- Auto Scaling
  const ASG_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  const autoScaling = (form: URLSearchParams): Handler => {
    const op = form.get("Action") ?? "";
    const apply = (): Answer => {
      switch (op) {
        case "DescribeAutoScalingGroups": {
          const names: string[] = [];
          for (let i = 1; form.has(`AutoScalingGroupNames.member.${i}`); i++)
            names.push(form.get(`AutoScalingGroupNames.member.${i}`)!);
          const groups = names.map((n) => fake.groups.get(n)).filter((g) => !!g);
          for (const g of groups) if (g.inService < g.desired) g.inService++;
          const xml = groups.map(
            (g) =>
              tag("AutoScalingGroupName", g.name) +
              tag("MinSize", g.min) +
              tag("MaxSize", g.max) +
              tag("DesiredCapacity", g.desired) +
              `<Instances>${members(
                Array.from(
                  { length: Math.max(g.desired, g.inService) },
                  (_, i) =>
                    tag("InstanceId", `i-${g.name.slice(9, 13)}${String(i).padStart(13, "0")}`) +
                    tag("AvailabilityZone", "us-east-1a") +
                    tag("LifecycleState", i < g.inService ? "InService" : "Pending") +
                    tag("HealthStatus", "Healthy"),
                ),
              )}</Instances>`,
          );
          return queryOk(op, ASG_NS, `<AutoScalingGroups>${members(xml)}</AutoScalingGroups>`);
        }
        case "UpdateAutoScalingGroup": {
          const g = fake.groups.get(form.get("AutoScalingGroupName") ?? "");
          if (!g) throw awsError("query", 400, "ValidationError", "AutoScalingGroup name not found");
          const num = (k: string, d: number) => (form.has(k) ? Number(form.get(k)) : d);
          const changed = {
            min: num("MinSize", g.min),
            max: num("MaxSize", g.max),
            desired: num("DesiredCapacity", g.desired),
          };
          if (changed.desired !== g.desired || changed.min !== g.min || changed.max !== g.max)
            count(fake.applied, op);
          Object.assign(g, changed);
          return queryOk(op, ASG_NS, "");
        }
      }
      throw awsError("query", 400, "InvalidAction", `Unknown action ${op}`);
    };
    return { op, protocol: "query", apply };
  };

  // ---- Backup
  const backup = (method: string, path: string, body: string): Handler | null => {
    if (method === "PUT" && path === "/backup-jobs") {
      return {
        op: "StartBackupJob",
        protocol: "json",
        apply: () => {
          const input = JSON.parse(body) as Record<string, unknown>;
          const token = String(input.IdempotencyToken ?? randomUUID());
          let job = [...fake.backupJobs.values()].find((j) => j.input.IdempotencyToken === token);
          if (!job) {
            job = { id: randomUUID().toUpperCase(), state: "CREATED", polls: fake.pollsToComplete, input };
            fake.backupJobs.set(job.id, job);
            count(fake.applied, "StartBackupJob");
          }
          const answer = {
            BackupJobId: job.id,
            RecoveryPointArn: `arn:aws:backup:us-east-1:${FAKE_ACCOUNT}:recovery-point:${job.id.toLowerCase()}`,
            CreationDate: Date.now() / 1000,
          };
          return { type: "json", body: JSON.stringify(answer) };
        },
      };
    }
    const m = /^\/backup-jobs\/([^/]+)$/.exec(path);
    if (method === "GET" && m) {
      return {
        op: "DescribeBackupJob",
        protocol: "json",
        apply: () => {
          const job = fake.backupJobs.get(decodeURIComponent(m[1]!));
          if (!job) throw awsError("json", 404, "ResourceNotFoundException", "No such backup job");
          job.polls--;
          job.state = job.polls <= 0 ? "COMPLETED" : "RUNNING";
          const answer = {
            BackupJobId: job.id,
            State: job.state,
            PercentDone: job.state === "COMPLETED" ? "100.0" : "50.0",
            BackupVaultName: job.input.BackupVaultName,
            ResourceArn: job.input.ResourceArn,
            RecoveryPointArn: `arn:aws:backup:us-east-1:${FAKE_ACCOUNT}:recovery-point:${job.id.toLowerCase()}`,
          };
          return { type: "json", body: JSON.stringify(answer) };
        },
      };
    }
    return null;
  };

  // ---- Route 53
  const R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  const changeInfo = (c: { id: string; polls: number; submittedAt: Date }) =>
    `<ChangeInfo>${tag("Id", `/change/${c.id}`)}${tag("Status", c.polls <= 0 ? "INSYNC" : "PENDING")}${tag("SubmittedAt", c.submittedAt.toISOString())}</ChangeInfo>`;
  const route53 = (method: string, path: string, body: string): Handler | null => {
    const rrset = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/.exec(path);
    if (method === "POST" && rrset) {
      return {
        op: "ChangeResourceRecordSets",
        protocol: "restxml",
        apply: () => {
          if (decodeURIComponent(rrset[1]!) !== HOSTED_ZONE_ID)
            throw awsError("restxml", 404, "NoSuchHostedZone", `No hosted zone found with ID: ${rrset[1]}`);
          const name = /<Name>([^<]*)<\/Name>/.exec(body)?.[1] ?? "";
          const target = /<AliasTarget>[\s\S]*<DNSName>([^<]*)<\/DNSName>/.exec(body)?.[1] ?? "";
          fake.records.set(name, target);
          const c = {
            id: `C${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`,
            polls: fake.pollsToComplete,
            submittedAt: new Date(),
            body,
          };
          fake.changes.set(c.id, c);
          count(fake.applied, "ChangeResourceRecordSets");
          return {
            type: "xml",
            body: `<?xml version="1.0"?><ChangeResourceRecordSetsResponse xmlns="${R53_NS}">${changeInfo(c)}</ChangeResourceRecordSetsResponse>`,
          };
        },
      };
    }
    const change = /^\/2013-04-01\/change\/([^/]+)$/.exec(path);
    if (method === "GET" && change) {
      return {
        op: "GetChange",
        protocol: "restxml",
        apply: () => {
          const c = fake.changes.get(decodeURIComponent(change[1]!));
          if (!c)
            throw awsError("restxml", 404, "NoSuchChange", `Could not find resource with ID: ${change[1]}`);
          c.polls--;
          return {
            type: "xml",
            body: `<?xml version="1.0"?><GetChangeResponse xmlns="${R53_NS}">${changeInfo(c)}</GetChangeResponse>`,
          };
        },
      };
    }
    return null;
  };

  const send = (res: ServerResponse, a: Answer) => {
    res.writeHead(a.status ?? 200, {
      "content-type": a.type === "xml" ? "text/xml" : "application/json",
      "x-amzn-requestid": randomUUID(),
      ...a.headers,
    });
    res.end(a.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    // For end-to-end specs, which run in another process than the fake.
    if (method === "GET" && url.pathname === "/_fake/state") {
      const state = {
        calls: fake.calls,
        applied: fake.applied,
        backupJobs: [...fake.backupJobs.values()].map((j) => ({ id: j.id, state: j.state, input: j.input })),
        stacks: [...fake.stacks.values()].map((st) => ({
          id: st.id,
          status: st.status,
          parameters: st.parameters,
        })),
        groups: [...fake.groups.values()],
        changes: [...fake.changes.keys()],
        records: Object.fromEntries(fake.records),
      };
      return send(res, { type: "json", body: JSON.stringify(state) });
    }
    if (method === "POST" && url.pathname === "/post-cutover-tests") {
      count(fake.calls, "PostCutoverTests");
      fake.tests.bodies.push(JSON.parse(body || "null"));
      return send(res, {
        status: fake.tests.status,
        type: "json",
        body: JSON.stringify({ passed: fake.tests.passed }),
      });
    }
    let handler: Handler | null = null;
    if (method === "POST" && url.pathname === "/" && body.includes("Action=")) {
      const form = new URLSearchParams(body);
      handler = form.get("Version") === "2011-01-01" ? autoScaling(form) : cloudFormation(form);
    } else {
      handler = backup(method, url.pathname, body) ?? route53(method, url.pathname, body);
    }
    if (!handler)
      return send(res, {
        status: 404,
        type: "json",
        body: JSON.stringify({ message: `fake AWS: no route ${method} ${url.pathname}` }),
      });
    count(fake.calls, handler.op);
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
          awsError(handler.protocol, 500, "InternalFailure", "We encountered an internal error."),
        );
      const code = handler.protocol === "json" ? "ThrottlingException" : "Throttling";
      return send(res, awsError(handler.protocol, 400, code, "Rate exceeded"));
    }
    try {
      send(res, handler.apply());
    } catch (answer) {
      if ((answer as Answer).type) return send(res, answer as Answer);
      send(res, awsError(handler.protocol, 500, "InternalFailure", String(answer)));
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

/** The environment that points the app's AWS steps at this fake. */
export function fakeAwsEnv(fake: FakeAws): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: fake.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret-access-key-fake-secret-access",
    AWS_BACKUP_VAULT: "production-vault",
    AWS_BACKUP_RESOURCE_ARN: `arn:aws:rds:us-east-1:${FAKE_ACCOUNT}:db:andromeda-production`,
    AWS_BACKUP_ROLE_ARN: `arn:aws:iam::${FAKE_ACCOUNT}:role/backup-role`,
    AWS_ROUTE53_HOSTED_ZONE_ID: HOSTED_ZONE_ID,
    AWS_ROUTE53_RECORD_NAME: "andromeda.abccompany.com",
    POST_CUTOVER_TESTS_URL: `${fake.url}/post-cutover-tests`,
  };
}
