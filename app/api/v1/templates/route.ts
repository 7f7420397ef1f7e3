import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/read-body";
import { requirePermission } from "@/lib/auth/permissions";
import { importTemplate, MAX_TEMPLATE_NAME } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { ValidationError } from "@/lib/errors";

export const GET = apiRoute(async (_req, _ctx: unknown, actor) =>
  NextResponse.json(await listTemplates(actor)),
);

/** Body: the template's Markdown (text/markdown). `?name=` overrides the derived name. */
export const POST = apiRoute(async (req, _ctx: unknown, actor) => {
  // Who is asking comes first: a caller who may not import is refused before a byte of the
  // body is read (importTemplate checks again: it is the authority).
  requirePermission(actor, "templates.write");
  const name = new URL(req.url).searchParams.get("name") ?? undefined;
  if (name !== undefined && name.length > MAX_TEMPLATE_NAME) {
    throw new ValidationError(`The name is longer than ${MAX_TEMPLATE_NAME} characters.`, {
      name: [`At most ${MAX_TEMPLATE_NAME} characters`],
    });
  }
  const body = await readBody(req, MAX_TEMPLATE_BYTES);
  const result = await importTemplate({ actor, markdown: body, name });
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});
