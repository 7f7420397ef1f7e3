"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/actions/run-action";
import { importTemplate } from "@/lib/templates/import-template";
import { TemplateImportError, type ImportIssue } from "@/lib/templates/import-error";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { countItems } from "@/lib/templates/definition";

export type ImportActionResult =
  | ActionResult<{
      slug: string;
      name: string;
      version: number;
      created: boolean;
      sections: number;
      items: number;
    }>
  | { ok: false; code: "import"; error: string; issues: ImportIssue[] };

/** Takes a FormData with `file` (a Markdown upload) or `markdown` (pasted text), and optional `name`. */
export async function importTemplateAction(form: FormData): Promise<ImportActionResult> {
  try {
    const file = form.get("file");
    const pasted = form.get("markdown");
    let markdown: Uint8Array | string;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_TEMPLATE_BYTES) {
        return {
          ok: false,
          code: "import",
          error: "The file is too large.",
          issues: [{ line: null, message: `the file is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB` }],
        };
      }
      markdown = new Uint8Array(await file.arrayBuffer());
    } else if (typeof pasted === "string" && pasted.trim()) {
      markdown = pasted;
    } else {
      return {
        ok: false,
        code: "validation",
        error: "Choose a Markdown file or paste a template.",
        fieldErrors: { file: ["Required"] },
      };
    }
    const name = String(form.get("name") ?? "").trim() || undefined;
    const r = await importTemplate({ actor: await getActor(), markdown, name });
    revalidatePath("/templates");
    return {
      ok: true,
      data: {
        slug: r.slug,
        name: r.name,
        version: r.version,
        created: r.created,
        sections: r.definition.sections.length,
        items: countItems(r.definition),
      },
    };
  } catch (err) {
    if (err instanceof TemplateImportError)
      return { ok: false, code: "import", error: err.message, issues: err.issues };
    return toActionError(err);
  }
}
