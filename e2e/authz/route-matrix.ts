import { queryOne } from "../support/db";
import type { MatrixContext, Who } from "./context";

/** The JSON body of a write on an item, at the item's current version (and state, for a toggle). */
const itemBody = async (
  runId: string,
  ref: string,
  extra: Record<string, unknown> | ((state: string) => Record<string, unknown>),
) => {
  const [sectionKey, path] = ref.split(":");
  const { version, state } = await queryOne<{ version: number; state: string }>(
    `SELECT i.version, i.state FROM run_items i JOIN run_sections s ON s.id = i.section_id
      WHERE i.run_id = $1 AND s.key = $2 AND i.path = $3`,
    [runId, sectionKey, path],
  );
  return JSON.stringify({ version, ...(typeof extra === "function" ? extra(state) : extra) });
};
const item = (ctx: MatrixContext, run: "runA" | "runB", ref: string, verb: string) =>
  `/api/v1/runs/${ctx[run].number}/items/${ref}/${verb}`;
/** Writes a role may not make: anonymous, an auditor (reads only) and a subscriber (not of this run). */
const WRITE_REFUSED = { anonymous: 401, auditor: 403, subscriber: 404 } as const;

/**
 * Every /api/v1 route handler and method, and the HTTP status each kind of caller gets.
 * A new route or method fails the completeness test until it is listed here.
 */
export type RouteCase = {
  path: (ctx: MatrixContext) => string;
  body?: (ctx: MatrixContext) => string | Buffer | Promise<string | Buffer>;
  refused: Partial<Record<Who, number>>;
  crossObject?: { as: Who; path: (ctx: MatrixContext) => string; status: number };
  noCrossObject?: string;
  allowed?: Who;
  /** What an operator of another team gets, when not 404 (another team's run or template does not exist for them); "allowed" for a list of her own team's. */
  otherTeam?: number | "allowed";
};

export const ROUTE_MATRIX: Record<string, RouteCase> = {
  "GET app/api/v1/templates/route.ts": {
    otherTeam: "allowed",
    path: () => "/api/v1/templates",
    refused: { anonymous: 401, subscriber: 403 },
    noCrossObject: "lists templates, which every role with templates.read may see",
    allowed: "auditor",
  },
  "POST app/api/v1/templates/route.ts": {
    otherTeam: 400,
    path: () => "/api/v1/templates",
    body: (ctx) => Buffer.from(ctx.seedBase64, "base64"),
    refused: { anonymous: 401, auditor: 403, subscriber: 403 },
    noCrossObject: "imports under the template's own name",
    allowed: "operator",
  },
  "GET app/api/v1/templates/[slug]/markdown/route.ts": {
    path: () => "/api/v1/templates/promote-changeset-to-production/markdown?version=1",
    refused: { anonymous: 401, subscriber: 403 },
    noCrossObject: "templates belong to no one: every role with templates.read may read every template",
    allowed: "auditor",
  },
  "GET app/api/v1/runs/[number]/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}`,
    refused: { anonymous: 401 },
    // A subscriber sees only runs they subscribe to; any other is as if it did not exist.
    crossObject: { as: "subscriber", path: (ctx) => `/api/v1/runs/${ctx.runB.number}`, status: 404 },
    allowed: "auditor",
  },
  "GET app/api/v1/runs/[number]/acks/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/acks`,
    refused: { anonymous: 401 },
    crossObject: { as: "subscriber", path: (ctx) => `/api/v1/runs/${ctx.runB.number}/acks`, status: 404 },
    allowed: "auditor",
  },
  "GET app/api/v1/runs/route.ts": {
    otherTeam: "allowed",
    path: () => "/api/v1/runs?format=csv&status=closed",
    refused: { anonymous: 401, subscriber: 403 },
    noCrossObject: "lists runs only to roles with runs.read, which may read every run",
    allowed: "auditor",
  },
  "GET app/api/v1/runs/[number]/export/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/export?format=json`,
    refused: { anonymous: 401, subscriber: 403 },
    noCrossObject: "audit.export reaches every run; a subscriber of a run is refused above",
    allowed: "auditor",
  },
  "POST app/api/v1/runs/route.ts": {
    path: () => "/api/v1/runs",
    body: () =>
      JSON.stringify({
        template: "promote-changeset-to-production",
        fields: { promotionDate: "2026-12-01", changesetVersion: "7.9" },
      }),
    refused: { anonymous: 401, auditor: 403, subscriber: 403 },
    noCrossObject: "starts a new run; there is no other object to aim at",
    allowed: "operator",
  },
  "PATCH app/api/v1/runs/[number]/fields/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/fields`,
    body: () => JSON.stringify({ fields: { changesetVersion: "7.15" }, reason: "mistyped at start" }),
    refused: WRITE_REFUSED,
    crossObject: { as: "subscriber", path: (ctx) => `/api/v1/runs/${ctx.runB.number}/fields`, status: 404 },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/decision/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/decision`,
    body: () => JSON.stringify({ decision: "GO", rationale: "matrix" }),
    refused: { anonymous: 401, auditor: 403, subscriber: 404, operator: 400 },
    crossObject: { as: "subscriber", path: (ctx) => `/api/v1/runs/${ctx.runB.number}/decision`, status: 404 },
    // Allowed only once the run's flow permits it: e2e/api-pipeline.spec.ts decides through this route.
  },
  "POST app/api/v1/runs/[number]/close/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/close`,
    body: () => "{}",
    refused: { anonymous: 401, auditor: 403, subscriber: 404, operator: 400 },
    crossObject: { as: "subscriber", path: (ctx) => `/api/v1/runs/${ctx.runB.number}/close`, status: 404 },
    // A run with open items cannot close; e2e/api-pipeline.spec.ts closes one through this route.
  },
  "POST app/api/v1/runs/[number]/subscribers/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/subscribers`,
    body: () => JSON.stringify({ group: "auditors-listeners", who: "listener@example.com" }),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => `/api/v1/runs/${ctx.runB.number}/subscribers`,
      status: 404,
    },
    allowed: "operator",
  },
  "DELETE app/api/v1/runs/[number]/subscribers/[subscriber]/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/subscribers/00000000-0000-4000-8000-000000000000`,
    refused: { ...WRITE_REFUSED, operator: 404 },
    crossObject: {
      as: "subscriber",
      path: (ctx) => `/api/v1/runs/${ctx.runB.number}/subscribers/00000000-0000-4000-8000-000000000000`,
      status: 404,
    },
    // Removing a real subscriber: e2e/api-pipeline.spec.ts.
  },
  "POST app/api/v1/runs/[number]/items/[item]/tick/route.ts": {
    path: (ctx) => item(ctx, "runA", "pre-flight:1", "tick"),
    // The server actions' matrix may have ticked it already: the allowed call toggles it.
    body: (ctx) => itemBody(ctx.runA.id, "pre-flight:1", (state) => ({ done: state !== "done" })),
    refused: WRITE_REFUSED,
    crossObject: { as: "subscriber", path: (ctx) => item(ctx, "runB", "pre-flight:1", "tick"), status: 404 },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/items/[item]/start/route.ts": {
    path: (ctx) => item(ctx, "runB", "pre-flight:1", "start"),
    body: (ctx) => itemBody(ctx.runB.id, "pre-flight:1", {}),
    refused: WRITE_REFUSED,
    crossObject: { as: "subscriber", path: (ctx) => item(ctx, "runA", "pre-flight:1", "start"), status: 404 },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/items/[item]/record/route.ts": {
    path: (ctx) => item(ctx, "runA", "pre-flight:2", "record"),
    body: (ctx) => itemBody(ctx.runA.id, "pre-flight:2", { value: "2026-12-01T15:00", timeZone: "UTC" }),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "pre-flight:2", "record"),
      status: 404,
    },
    allowed: "operator",
  },
  "PUT app/api/v1/runs/[number]/items/[item]/note/route.ts": {
    path: (ctx) => item(ctx, "runA", "pre-flight:1", "note"),
    body: (ctx) => itemBody(ctx.runA.id, "pre-flight:1", { note: "https://ci.example.com/report/1" }),
    refused: WRITE_REFUSED,
    crossObject: { as: "subscriber", path: (ctx) => item(ctx, "runB", "pre-flight:1", "note"), status: 404 },
    allowed: "operator",
  },
  "PUT app/api/v1/runs/[number]/items/[item]/assignee/route.ts": {
    path: (ctx) => item(ctx, "runA", "pre-flight:1", "assignee"),
    body: async (ctx) => itemBody(ctx.runA.id, "pre-flight:1", { assigneeId: ctx.operatorId }),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "pre-flight:1", "assignee"),
      status: 404,
    },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/items/[item]/skip/route.ts": {
    path: (ctx) => item(ctx, "runB", "pre-flight:2", "skip"),
    body: (ctx) => itemBody(ctx.runB.id, "pre-flight:2", { reason: "not applicable to this change" }),
    refused: WRITE_REFUSED,
    crossObject: { as: "subscriber", path: (ctx) => item(ctx, "runA", "pre-flight:2", "skip"), status: 404 },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/items/[item]/announcement/route.ts": {
    path: (ctx) => item(ctx, "runA", "phase-2-prechange-commencement-notice:1", "announcement"),
    body: () => JSON.stringify({ channels: ["email"] }),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "phase-2-prechange-commencement-notice:1", "announcement"),
      status: 404,
    },
    // Sending needs configured targets: e2e/notifications.spec.ts sends through the same domain function.
  },
  "GET app/api/v1/runs/[number]/items/[item]/automation/route.ts": {
    path: (ctx) => item(ctx, "runA", "phase-1-change-preparation:1", "automation"),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "phase-1-change-preparation:1", "automation"),
      status: 404,
    },
    // A plan needs the run's Blue stack: e2e/automation.spec.ts reads plans through the same function.
  },
  "POST app/api/v1/runs/[number]/items/[item]/automation/route.ts": {
    path: (ctx) => item(ctx, "runA", "phase-1-change-preparation:1", "automation"),
    body: () => JSON.stringify({ confirmStackId: "wrong-stack", dryRun: true }),
    refused: { ...WRITE_REFUSED, operator: 400 },
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "phase-1-change-preparation:1", "automation"),
      status: 404,
    },
    // Running a step: e2e/automation.spec.ts drives the same domain function.
  },
  "POST app/api/v1/runs/[number]/items/[item]/child/route.ts": {
    path: (ctx) => item(ctx, "runA", "phase-4-test-blue-stack-and-make-go-no-go-decision:1", "child"),
    body: () => "{}",
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runB", "phase-4-test-blue-stack-and-make-go-no-go-decision:1", "child"),
      status: 404,
    },
    // The link item opens in its phase: e2e/api-pipeline.spec.ts creates children through this route.
  },
  "POST app/api/v1/runs/[number]/approvals/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/approvals`,
    body: () => JSON.stringify({ vote: "GO", rationale: "matrix" }),
    // The operator may vote, but not before the phases ahead of the decision are done.
    refused: { ...WRITE_REFUSED, operator: 400 },
    crossObject: {
      as: "subscriber",
      path: (ctx) => `/api/v1/runs/${ctx.runB.number}/approvals`,
      status: 404,
    },
    // A vote that counts: e2e/api-pipeline.spec.ts approves GO through this route.
  },
  "DELETE app/api/v1/runs/[number]/approvals/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runA.number}/approvals`,
    refused: { ...WRITE_REFUSED, operator: 400 },
    crossObject: {
      as: "subscriber",
      path: (ctx) => `/api/v1/runs/${ctx.runB.number}/approvals`,
      status: 404,
    },
    // Withdrawing a real vote: e2e/api-pipeline.spec.ts.
  },
  "PUT app/api/v1/runs/[number]/approvers/route.ts": {
    path: (ctx) => `/api/v1/runs/${ctx.runB.number}/approvers`,
    body: () => JSON.stringify({ userIds: [] }),
    refused: { anonymous: 401, auditor: 403, subscriber: 404 },
    crossObject: {
      as: "subscriber",
      path: (ctx) => `/api/v1/runs/${ctx.runA.number}/approvers`,
      status: 404,
    },
    allowed: "operator",
  },
  "POST app/api/v1/runs/[number]/items/[item]/unlock/route.ts": {
    path: (ctx) => item(ctx, "runB", "phase-3-begin-rolling-container-updates:1", "unlock"),
    body: (ctx) =>
      itemBody(ctx.runB.id, "phase-3-begin-rolling-container-updates:1", { reason: "matrix: out of order" }),
    refused: WRITE_REFUSED,
    crossObject: {
      as: "subscriber",
      path: (ctx) => item(ctx, "runA", "phase-3-begin-rolling-container-updates:1", "unlock"),
      status: 404,
    },
    allowed: "operator",
  },
  "GET app/api/v1/openapi.json/route.ts": {
    otherTeam: "allowed",
    path: () => "/api/v1/openapi.json",
    refused: {},
    noCrossObject: "the public description of the API; it holds no data",
    allowed: "anonymous",
  },
};
