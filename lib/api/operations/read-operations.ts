import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { promotionFilterSchema } from "@/lib/audit/promotion-filter";

/** The read routes and the template import, described for the document. */

export const listTemplatesOp = defineOperation({
  method: "GET",
  path: "/api/v1/templates",
  tag: "Templates",
  summary: "Templates with their latest version",
  permission: "templates.read",
  response: z.array(z.object({ slug: z.string(), name: z.string() }).loose()),
});

export const importTemplateOp = defineOperation({
  method: "POST",
  path: "/api/v1/templates",
  tag: "Templates",
  summary: "Import a Markdown template (a new version when the slug exists)",
  permission: "templates.write",
  rawBody: { contentType: "text/markdown", description: "The template's Markdown, UTF-8, at most 512 KiB" },
  query: z.object({
    name: z.string().max(120).optional().describe("Overrides the name taken from the Markdown"),
  }),
  successStatus: 201,
  response: z.object({ slug: z.string(), name: z.string(), version: z.number().int() }).loose(),
});

export const templateMarkdownOp = defineOperation({
  method: "GET",
  path: "/api/v1/templates/{slug}/markdown",
  tag: "Templates",
  summary: "A template version exported back to Markdown",
  permission: "templates.read",
  query: z.object({ version: z.string().regex(/^\d+$/).optional() }),
  responseContentType: "text/markdown",
});

export const listRunsOp = defineOperation({
  method: "GET",
  path: "/api/v1/runs",
  tag: "Runs",
  summary: "Promotions matching the filters, as JSON or CSV",
  permission: "runs.read",
  query: promotionFilterSchema.extend({ format: z.enum(["json", "csv"]).optional() }),
  response: z
    .object({ rows: z.array(z.object({ number: z.number().int(), title: z.string() }).loose()) })
    .loose(),
});

export const runAcksOp = defineOperation({
  method: "GET",
  path: "/api/v1/runs/{number}/acks",
  tag: "Runs",
  summary: "The acknowledgement roster of a run",
  permission: "runs.read",
  response: z.unknown(),
});

export const runExportOp = defineOperation({
  method: "GET",
  path: "/api/v1/runs/{number}/export",
  tag: "Evidence",
  summary: "A run's evidence: md (the checklist as ticked), json (the verifiable bundle) or csv (items)",
  permission: "audit.export",
  query: z.object({ format: z.enum(["md", "json", "csv"]).optional() }),
  response: z.unknown(),
});

export const openApiOp = defineOperation({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "Meta",
  summary: "This document",
  response: z.unknown(),
});

export const READ_OPERATIONS = [
  listTemplatesOp,
  importTemplateOp,
  templateMarkdownOp,
  listRunsOp,
  runAcksOp,
  runExportOp,
  openApiOp,
];
