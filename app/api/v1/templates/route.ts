import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/read-body";
import { requirePermission } from "@/lib/auth/permissions";
import { importTemplate, MAX_TEMPLATE_NAME } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { previewTemplate } from "@/lib/templates/preview-template";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { ValidationError } from "@/lib/errors";

export const GET = apiRoute(async (_req, _ctx: unknown, actor) =>
  NextResponse.json(await listTemplates({ actor })),
);

/**
 * Body: the template's Markdown (text/markdown). `?name=` overrides the derived name;
 * `?team=<slug>` puts a new template in that team (default: the token's team).
 * `?dryRun=1` stores nothing and answers with the preview: sections, items with kinds,
 * fields with types, acknowledgement groups, quick actions and warnings.
 */
export const POST = apiRoute(async (req, _ctx: unknown, actor) => {
  // Who is asking comes first: a caller who may not import is refused before a byte of the
  // body is read (importTemplate checks again: it is the authority).
  requirePermission(actor, "templates.write");
  const params = new URL(req.url).searchParams;
  const name = params.get("name") ?? undefined;
  if (name !== undefined && name.length > MAX_TEMPLATE_NAME) {
    throw new ValidationError(`The name is longer than ${MAX_TEMPLATE_NAME} characters.`, {
      name: [`At most ${MAX_TEMPLATE_NAME} characters`],
    });
  }
  const body = await readBody(req, MAX_TEMPLATE_BYTES);
  if (/^(1|true|yes)$/i.test(params.get("dryRun") ?? "")) {
    const { definition: _definition, ...preview } = previewTemplate({ actor, markdown: body, name });
    return NextResponse.json({ dryRun: true, ...preview }, { status: 200 });
  }
  const team = params.get("team") ?? undefined;
  const result = await importTemplate({ actor, markdown: body, name, team });
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});
