/**
 * CloudFormation on the query protocol (form-encoded POST /, XML answers), with the rules of
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html
 */
import { randomUUID } from "node:crypto";
import { awsError, esc, memberList, members, queryOk, tag, type Handler } from "./wire";
import type { FakeAws, FakeStack, StackEvent } from "./state";

const NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
// ClientRequestToken: "Pattern: [a-zA-Z][-a-zA-Z0-9]*", length 1–128 (UpdateStack reference).
const TOKEN = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
// A stack can be updated only from a stable state; IN_PROGRESS, UPDATE_ROLLBACK_FAILED and
// ROLLBACK_COMPLETE (a failed create) refuse with "is in X state and can not be updated".
const UPDATABLE = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE"];

export function makeStack(id: string, name: string, outputs: Record<string, string>): FakeStack {
  return {
    id,
    name,
    status: "UPDATE_COMPLETE",
    parameters: { ContainerVersion: "4.2.0", DesiredCount: "2", Environment: "production" },
    outputs,
    capabilities: ["CAPABILITY_IAM"],
    // The previous promotion's update: a stale UPDATE_COMPLETE under another token.
    events: [
      {
        id: randomUUID(),
        at: new Date(Date.now() - 86_400_000),
        logicalResourceId: name,
        resourceType: "AWS::CloudFormation::Stack",
        status: "UPDATE_COMPLETE",
        token: "Console-UpdateStack-previous",
      },
    ],
    pollsLeft: 0,
    staleDescribes: 0,
    statusBeforeUpdate: "UPDATE_COMPLETE",
    outcome: "UPDATE_COMPLETE",
    tokens: [],
  };
}

function push(s: FakeStack, e: Omit<StackEvent, "id" | "at">) {
  s.events.unshift({ id: randomUUID(), at: new Date(), ...e });
}

const stackEvent = (s: FakeStack, status: string, token: string | undefined, reason?: string) =>
  push(s, { logicalResourceId: s.name, resourceType: "AWS::CloudFormation::Stack", status, token, reason });

/**
 * An update moves through its states on later DescribeStacks calls, as a real one does over
 * minutes: UPDATE_IN_PROGRESS → UPDATE_COMPLETE_CLEANUP_IN_PROGRESS → UPDATE_COMPLETE, or
 * UPDATE_IN_PROGRESS → UPDATE_ROLLBACK_IN_PROGRESS → UPDATE_ROLLBACK_COMPLETE (or _FAILED).
 */
function advance(fake: FakeAws, s: FakeStack) {
  if (!s.status.endsWith("_IN_PROGRESS") || --s.pollsLeft > 0) return;
  const token = s.tokens.at(-1);
  const next = (status: string, reason?: string) => {
    s.status = status;
    s.pollsLeft = 1;
    stackEvent(s, status, token, reason);
  };
  if (s.status === "UPDATE_IN_PROGRESS") {
    if (s.outcome === "UPDATE_COMPLETE") {
      push(s, {
        logicalResourceId: "Service",
        resourceType: "AWS::ECS::Service",
        status: "UPDATE_COMPLETE",
        token,
      });
      return next("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    }
    push(s, {
      logicalResourceId: "Service",
      resourceType: "AWS::ECS::Service",
      status: "UPDATE_FAILED",
      reason: "Task failed ELB health checks in (target-group andromeda-blue-tg)",
      token,
    });
    s.pollsLeft = fake.pollsToComplete;
    return next("UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Service].");
  }
  if (s.status === "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS") return next("UPDATE_COMPLETE");
  if (s.status === "UPDATE_ROLLBACK_IN_PROGRESS") {
    if (s.outcome === "UPDATE_ROLLBACK_FAILED")
      return next("UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to rollback: [Service].");
    push(s, {
      logicalResourceId: "Service",
      resourceType: "AWS::ECS::Service",
      status: "UPDATE_COMPLETE",
      token,
    });
    return next("UPDATE_ROLLBACK_COMPLETE");
  }
}

const stackXml = (s: FakeStack, status: string) =>
  `<member>${tag("StackId", s.id)}${tag("StackName", s.name)}${tag("CreationTime", "2026-01-05T10:00:00.000Z")}${tag("StackStatus", status)}` +
  `<Parameters>${members(Object.entries(s.parameters).map(([k, v]) => tag("ParameterKey", k) + tag("ParameterValue", v)))}</Parameters>` +
  `<Outputs>${members(Object.entries(s.outputs).map(([k, v]) => tag("OutputKey", k) + tag("OutputValue", v)))}</Outputs>` +
  `<Capabilities>${members(s.capabilities.map(esc))}</Capabilities></member>`;

export function cloudFormation(fake: FakeAws, form: URLSearchParams): Handler {
  const op = form.get("Action") ?? "";
  const find = () => {
    const key = form.get("StackName") ?? "";
    const s = [...fake.stacks.values()].find((x) => x.id === key || x.name === key);
    if (!s) throw awsError("query", 400, "ValidationError", `Stack with id ${key} does not exist`);
    return s;
  };
  const apply = () => {
    switch (op) {
      case "DescribeStacks": {
        const s = find();
        advance(fake, s);
        // DescribeStacks is eventually consistent: right after UpdateStack it may still show the old status.
        const shown = s.staleDescribes > 0 ? (s.staleDescribes--, s.statusBeforeUpdate) : s.status;
        return queryOk(op, NS, `<Stacks>${stackXml(s, shown)}</Stacks>`);
      }
      case "DescribeStackEvents": {
        const s = find();
        // Newest first, as the reference says ("in reverse chronological order").
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
        return queryOk(op, NS, `<StackEvents>${members(events)}</StackEvents>`);
      }
      case "UpdateStack":
        return updateStack(fake, form, find());
    }
    throw awsError("query", 400, "InvalidAction", `Unknown action ${op}`);
  };
  return { op, action: `cloudformation:${op}`, protocol: "query", apply };
}

function updateStack(fake: FakeAws, form: URLSearchParams, s: FakeStack) {
  const token = form.get("ClientRequestToken") ?? undefined;
  if (token !== undefined && !TOKEN.test(token))
    throw awsError(
      "query",
      400,
      "ValidationError",
      "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint",
    );
  // A token names one operation; sending it again is refused, not repeated.
  if (token && s.tokens.includes(token))
    throw awsError(
      "query",
      400,
      "TokenAlreadyExistsException",
      `ClientRequestToken ${token} already exists.`,
    );
  if (!UPDATABLE.includes(s.status))
    throw awsError(
      "query",
      400,
      "ValidationError",
      `Stack:${s.id} is in ${s.status} state and can not be updated.`,
    );
  if (form.get("UsePreviousTemplate") !== "true")
    throw awsError("query", 400, "ValidationError", "This fake supports UsePreviousTemplate updates only.");
  // "you must explicitly acknowledge that your stack template contains certain capabilities"
  const acknowledged = memberList(form, "Capabilities");
  const lacking = s.capabilities.filter((c) => !acknowledged.includes(c));
  if (lacking.length)
    throw awsError(
      "query",
      400,
      "InsufficientCapabilitiesException",
      `Requires capabilities : [${lacking.join(", ")}]`,
    );
  const next: Record<string, string> = {};
  for (let i = 1; form.has(`Parameters.member.${i}.ParameterKey`); i++) {
    const key = form.get(`Parameters.member.${i}.ParameterKey`)!;
    if (!(key in s.parameters))
      throw awsError("query", 400, "ValidationError", `Parameters: [${key}] do not exist in the template`);
    next[key] =
      form.get(`Parameters.member.${i}.UsePreviousValue`) === "true"
        ? s.parameters[key]!
        : (form.get(`Parameters.member.${i}.ParameterValue`) ?? "");
  }
  const omitted = Object.keys(s.parameters).filter((k) => !(k in next));
  if (omitted.length)
    throw awsError("query", 400, "ValidationError", `Parameters: [${omitted.join(", ")}] must have values`);
  if (Object.entries(next).every(([k, v]) => s.parameters[k] === v))
    throw awsError("query", 400, "ValidationError", "No updates are to be performed.");
  s.parameters = next;
  if (token) s.tokens.push(token);
  s.statusBeforeUpdate = s.status;
  s.status = "UPDATE_IN_PROGRESS";
  s.pollsLeft = fake.pollsToComplete;
  stackEvent(s, "UPDATE_IN_PROGRESS", token, "User Initiated");
  push(s, {
    logicalResourceId: "Service",
    resourceType: "AWS::ECS::Service",
    status: "UPDATE_IN_PROGRESS",
    token,
  });
  fake.applied.UpdateStack = (fake.applied.UpdateStack ?? 0) + 1;
  return queryOk("UpdateStack", NS, tag("StackId", s.id));
}
