import { z } from "zod";
import { AUTOMATION_TYPES, FIELD_TYPES, ITEM_KINDS } from "./definition";
import { decodeTemplateInput } from "./decode-input";
import { TemplateImportError } from "./import-error";

/** What an author changed in the import preview: an item's kind, a field's type. */
export const importChoicesSchema = z.object({
  items: z
    .array(
      z.object({
        /** The line the item starts on in the uploaded Markdown. */
        line: z.number().int().positive(),
        kind: z.enum(ITEM_KINDS),
        automation: z.enum(AUTOMATION_TYPES).optional(),
      }),
    )
    .max(5000)
    .default([]),
  fields: z
    .array(z.object({ key: z.string().regex(/^[a-z][A-Za-z0-9]*$/), type: z.enum(FIELD_TYPES) }))
    .max(500)
    .default([]),
});
export type ImportChoices = z.infer<typeof importChoicesSchema>;

const LINE_ANNOTATION = /[ \t]*<!--\s*runsheet:([\s\S]*?)-->[ \t]*$/;
const TYPES_LINE = /^<!--\s*runsheet:\s*types=(\S*)\s*-->$/;

/**
 * Writes the author's choices into the Markdown as annotations, so that the stored source
 * says what the definition is and a later import or export keeps it: `kind=` (and
 * `automation=`) at the end of the item's line, merged with any annotation already there,
 * and field types on a `types=` line (appended, or where one already is).
 */
export function applyChoices(input: string | Uint8Array, choices: ImportChoices): string {
  const decoded = decodeTemplateInput(input);
  if (decoded.fatal) throw new TemplateImportError(decoded.issues);
  const lines = decoded.text.split(/\r\n|\r|\n/);
  for (const choice of choices.items) {
    const at = choice.line - 1;
    const line = lines[at];
    if (line === undefined || !/^\s*(?:(?:\d+[.)]|[-*+])\s+)+\[[ xX]\]/.test(line)) {
      throw new TemplateImportError([{ line: choice.line, message: "no task item starts on this line" }]);
    }
    const existing = LINE_ANNOTATION.exec(line);
    const attributes = new Map<string, string>();
    for (const pair of (existing?.[1] ?? "").trim().split(/\s+/).filter(Boolean)) {
      const eq = pair.indexOf("=");
      attributes.set(eq === -1 ? pair : pair.slice(0, eq), eq === -1 ? "" : pair.slice(eq + 1));
    }
    attributes.set("kind", choice.kind);
    if (choice.kind === "automation" && choice.automation) attributes.set("automation", choice.automation);
    else attributes.delete("automation");
    const text = existing ? line.slice(0, existing.index) : line.trimEnd();
    const pairs = [...attributes].map(([k, v]) => (v === "" ? k : `${k}=${v}`)).join(" ");
    lines[at] = `${text} <!-- runsheet: ${pairs} -->`;
  }
  if (choices.fields.length > 0) {
    // In place, or appended: the item lines the author chose kinds for keep their numbers.
    const types = new Map<string, string>();
    const at = lines.findIndex((l) => TYPES_LINE.test(l.trim()));
    for (const pair of (at === -1 ? "" : (TYPES_LINE.exec(lines[at]!.trim())?.[1] ?? "")).split(",")) {
      const [key, type] = pair.split(":");
      if (key && type) types.set(key, type);
    }
    for (const f of choices.fields) types.set(f.key, f.type);
    const written = `<!-- runsheet: types=${[...types].map(([k, t]) => `${k}:${t}`).join(",")} -->`;
    if (at !== -1) lines[at] = written;
    else {
      while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
      lines.push("", written, "");
    }
  }
  return lines.join("\n");
}
