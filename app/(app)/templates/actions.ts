"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { Actor } from "@/lib/auth/permissions";
import { importTemplate } from "@/lib/templates/import-template";
import { TemplateImportError, type ImportIssue } from "@/lib/templates/import-error";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/decode-input";
import { countItems } from "@/lib/templates/definition";
import { importChoicesSchema } from "@/lib/templates/apply-choices";
import { previewTemplate, type TemplatePreview } from "@/lib/templates/preview-template";

type Imported = {
  slug: string;
  name: string;
  version: number;
  created: boolean;
  sections: number;
  items: number;
};
export type ImportActionResult =
  { ok: true; data: Imported } | { ok: false; code: string; error: string; issues?: ImportIssue[] };

// Base64 carries the file's exact bytes, so the importer itself judges the encoding.
const base64Limit = Math.ceil((MAX_TEMPLATE_BYTES * 4) / 3) + 4;

const input = z.object({
  contentBase64: z.base64().max(base64Limit, `The file is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB.`),
  name: z.string().trim().max(120).optional(),
  /** Kinds and field types the author chose in the preview. */
  choices: importChoicesSchema.optional(),
});

/** The preview without the full definition: what the page shows. */
export type PreviewData = Omit<TemplatePreview, "definition" | "markdown">;
export type PreviewActionResult =
  { ok: true; data: PreviewData } | { ok: false; code: string; error: string; issues?: ImportIssue[] };

type Upload = z.output<typeof input>;
type Answer<T> = { ok: true; data: T } | { ok: false; code: string; error: string; issues?: ImportIssue[] };

/** Reading the upload may refuse it: that is an expected answer with line numbers, not a failure of the action. */
async function readUpload<T>(
  raw: unknown,
  fn: (actor: Actor | null, data: Upload) => Promise<T>,
): Promise<Answer<T>> {
  const result = await runAction(input, raw, async (actor, data) => {
    try {
      return { kind: "read" as const, value: await fn(actor, data) };
    } catch (err) {
      if (err instanceof TemplateImportError)
        return { kind: "refused" as const, issues: err.issues, message: err.message };
      throw err;
    }
  });
  if (!result.ok) return result;
  if (result.data.kind === "refused")
    return { ok: false, code: "import", error: result.data.message, issues: result.data.issues };
  return { ok: true, data: result.data.value };
}

/** Reads the upload the way an import would and stores nothing. */
export async function previewTemplateAction(raw: unknown): Promise<PreviewActionResult> {
  return readUpload(raw, async (actor, data) => {
    const {
      definition: _d,
      markdown: _m,
      ...preview
    } = previewTemplate({
      actor,
      markdown: Buffer.from(data.contentBase64, "base64"),
      name: data.name || undefined,
      choices: data.choices,
    });
    return preview;
  });
}

export async function importTemplateAction(raw: unknown): Promise<ImportActionResult> {
  return readUpload(raw, async (actor, data) => {
    const r = await importTemplate({
      actor,
      markdown: Buffer.from(data.contentBase64, "base64"),
      name: data.name || undefined,
      choices: data.choices,
    });
    revalidatePath("/templates");
    return {
      slug: r.slug,
      name: r.name,
      version: r.version,
      created: r.created,
      sections: r.definition.sections.length,
      items: countItems(r.definition),
    };
  });
}
