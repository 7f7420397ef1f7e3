import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import type { Actor, Permission } from "@/lib/auth/permissions";
import { UnauthenticatedError, ValidationError } from "@/lib/errors";
import { readJsonBody } from "@/lib/api/read-json-body";
import { parseInput } from "@/lib/validation/parse-input";
import { withIdempotency } from "@/lib/api/idempotency";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One /api/v1 operation as data: the route validates with exactly these schemas, and
 * lib/api/openapi.ts describes it from them, so the document cannot drift from the code.
 */
export type Operation<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> = {
  method: HttpMethod;
  /** OpenAPI form: /api/v1/runs/{number}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The permission the domain function checks (documented; the domain enforces it). */
  permission?: Permission;
  body?: B;
  query?: Q;
  /** The answer on success, for the document and the contract test. */
  response?: z.ZodType;
  successStatus?: number;
  /** A body that is not JSON (a Markdown template), for the document. */
  rawBody?: { contentType: string; description: string };
  /** An answer that is not JSON (CSV, Markdown), for the document. */
  responseContentType?: string;
  /** Whether the item version may come as If-Match instead of a `version` field. */
  ifMatch?: boolean;
};

export function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

type Input<O extends Operation> = {
  actor: Actor;
  body: O extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
  query: O extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
  params: Record<string, string>;
  req: Request;
};

/**
 * The route handler of an operation: the caller is identified before any body is read;
 * the body (bounded) and the query are validated with the operation's schemas, naming each
 * bad field; writes honour Idempotency-Key; the answer is JSON.
 */
export function apiOperation<O extends Operation>(
  op: O,
  handler: (input: Input<O>) => Promise<unknown>,
): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return apiRoute(async (req, ctx: { params: Promise<Record<string, string>> }, actor) => {
    if (!actor) throw new UnauthenticatedError();
    const params = await ctx.params;
    const query = op.query
      ? parseInput(op.query, Object.fromEntries(new URL(req.url).searchParams))
      : undefined;
    if (op.method === "GET") {
      const data = await handler({ actor, body: undefined, query, params, req } as Input<O>);
      return NextResponse.json(data, { headers: { "cache-control": "no-store" } });
    }
    const raw = withIfMatch(op, req, await readJsonBody(req));
    const body = op.body ? parseInput(op.body, raw) : undefined;
    const answer = await withIdempotency(actor, req, raw, async () => ({
      status: op.successStatus ?? 200,
      body: await handler({ actor, body, query, params, req } as Input<O>),
    }));
    return NextResponse.json(answer.body, {
      status: answer.status,
      headers: { "cache-control": "no-store", ...(answer.replayed ? { "idempotent-replayed": "true" } : {}) },
    });
  });
}

/** `If-Match: "3"` (or 3) stands for `"version": 3` in the body; both must agree when both are sent. */
function withIfMatch(op: Operation, req: Request, raw: unknown): unknown {
  const header = req.headers.get("if-match");
  if (!op.ifMatch || header === null) return raw;
  const version = Number(header.replace(/^W\//, "").replace(/"/g, "").trim());
  if (!Number.isInteger(version) || version < 0)
    throw new ValidationError('If-Match must be the item version, such as "3".', {
      version: ["not a version"],
    });
  const body = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  if (body.version !== undefined && body.version !== version)
    throw new ValidationError("If-Match and the body's version disagree.", {
      version: ["disagrees with If-Match"],
    });
  return { ...body, version };
}
