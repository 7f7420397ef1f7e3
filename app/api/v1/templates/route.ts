import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { importTemplate } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { jsonError } from "@/lib/http/json-error";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { ValidationError } from "@/lib/errors";

export async function GET() {
  try {
    return NextResponse.json(await listTemplates(await getActor()));
  } catch (err) {
    return jsonError(err);
  }
}

/** Body: the template's Markdown (text/markdown). `?name=` overrides the derived name. */
export async function POST(req: Request) {
  try {
    const actor = await getActor();
    const body = new Uint8Array(await req.arrayBuffer());
    if (body.byteLength > MAX_TEMPLATE_BYTES) {
      throw new ValidationError(`The template is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB.`);
    }
    const name = new URL(req.url).searchParams.get("name") ?? undefined;
    const result = await importTemplate({ actor, markdown: body, name });
    return NextResponse.json(result, { status: result.created ? 201 : 200 });
  } catch (err) {
    return jsonError(err);
  }
}
