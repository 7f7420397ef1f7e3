import { z } from "zod";
import type { Operation } from "@/lib/api/operation";
import { ITEM_OPERATIONS } from "@/lib/api/operations/item-operations";
import { READ_OPERATIONS } from "@/lib/api/operations/read-operations";
import { RUN_OPERATIONS } from "@/lib/api/operations/run-operations";
import { errorSchema } from "@/lib/api/operations/schemas";

/** Every /api/v1 operation: the document, the contract test and the routes all start here. */
export const API_OPERATIONS: readonly Operation[] = [
  ...READ_OPERATIONS,
  ...RUN_OPERATIONS,
  ...ITEM_OPERATIONS,
];

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Retrying with the same key and body returns the first answer (header Idempotent-Replayed: true) for 24 hours; " +
    "the same key with a different body is refused with 422.",
  schema: { type: "string", maxLength: 255 },
};

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  required: false,
  description: 'The item version you saw, e.g. "3", instead of `version` in the body.',
  schema: { type: "string" },
};

/** OpenAPI 3.1, generated from the same zod schemas the routes validate with. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const parameters: unknown[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (op.query && op.query instanceof z.ZodObject) {
      const shape = jsonSchema(op.query, "input") as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(shape.properties ?? {}))
        parameters.push({ name, in: "query", required: shape.required?.includes(name) ?? false, schema });
    }
    if (op.ifMatch) parameters.push(IF_MATCH);
    if (op.method !== "GET") parameters.push(IDEMPOTENCY_KEY);
    const success = String(op.successStatus ?? 200);
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: operationId(op),
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.permission ? { "x-permission": op.permission } : {}),
      parameters,
      ...(op.rawBody
        ? {
            requestBody: {
              required: true,
              description: op.rawBody.description,
              content: { [op.rawBody.contentType]: { schema: { type: "string" } } },
            },
          }
        : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(op.body, "input") } },
            },
          }
        : {}),
      responses: {
        [success]: {
          description: "Success",
          content: op.responseContentType
            ? { [op.responseContentType]: { schema: { type: "string" } } }
            : { "application/json": { schema: op.response ? jsonSchema(op.response, "output") : {} } },
        },
        "4XX": {
          description:
            "A refusal that names what is wrong: 400 invalid (fieldErrors name each field), " +
            "401 unauthenticated, 403 forbidden, 404 not found (or not yours), 409 conflict (current state in `current`), " +
            "413 body too large, 422 idempotency key reused, 429 rate limited",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        "503": {
          description:
            "Nothing was changed; try again after Retry-After seconds. Code `busy`: the database answers, but the " +
            "change waited for others on the same run (or for a connection or a lock) longer than a healthy queue " +
            "makes it wait. Code `unavailable`: the database cannot be reached.",
          headers: { "Retry-After": { schema: { type: "integer" } } },
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Runsheet API",
      version: "1",
      description:
        "Everything a person can do in Runsheet, for pipelines. Authenticate with `Authorization: Bearer rs_…` " +
        "(an API token from /settings/tokens, limited to its scopes and its owner's current role).",
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, "output") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token, rs_…" },
      },
    },
    security: [{ bearer: [] }],
  };
}

function operationId(op: Operation): string {
  const words = op.path
    .replace("/api/v1/", "")
    .split("/")
    .map((p) => p.replace(/[{}]/g, ""))
    .join("_");
  return `${op.method.toLowerCase()}_${words}`.replace(/[^A-Za-z0-9_]/g, "_");
}
