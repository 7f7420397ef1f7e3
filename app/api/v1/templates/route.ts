import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { importTemplate } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { ValidationError } from "@/lib/errors";

export const GET = apiRoute(async (_req, _ctx: unknown, actor) =>
  NextResponse.json(await listTemplates(actor)),
);

/** Body: the template's Markdown (text/markdown). `?name=` overrides the derived name. */
export const POST = apiRoute(async (req, _ctx: unknown, actor) => {
  const body = new Uint8Array(await req.arrayBuffer());
  if (body.byteLength > MAX_TEMPLATE_BYTES) {
    throw new ValidationError(`The template is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB.`);
  }
  const name = new URL(req.url).searchParams.get("name") ?? undefined;
  const result = await importTemplate({ actor, markdown: body, name });
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});
