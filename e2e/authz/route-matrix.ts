import type { MatrixContext, Who } from "./context";

/**
 * Every /api/v1 route handler and method, and the HTTP status each kind of caller gets.
 * A new route or method fails the completeness test until it is listed here.
 */
export type RouteCase = {
  path: (ctx: MatrixContext) => string;
  body?: (ctx: MatrixContext) => string | Buffer;
  refused: Partial<Record<Who, number>>;
  crossObject?: { as: Who; path: (ctx: MatrixContext) => string; status: number };
  noCrossObject?: string;
  allowed?: Who;
};

export const ROUTE_MATRIX: Record<string, RouteCase> = {
  "GET app/api/v1/templates/route.ts": {
    path: () => "/api/v1/templates",
    refused: { anonymous: 401, subscriber: 403 },
    noCrossObject: "lists templates, which every role with templates.read may see",
    allowed: "auditor",
  },
  "POST app/api/v1/templates/route.ts": {
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
};
