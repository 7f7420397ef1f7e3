"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { importTemplate } from "@/lib/templates/import-template";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
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
/** A refused import answers `code: "import"` with every problem and its line (`issues`). */
export type ImportActionResult = ActionResult<Imported>;

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
export type PreviewActionResult = ActionResult<PreviewData>;

/** Reads the upload the way an import would and stores nothing. */
export async function previewTemplateAction(raw: unknown): Promise<PreviewActionResult> {
  return runAction(input, raw, async (actor, data) => {
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
  return runAction(input, raw, async (actor, data) => {
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
