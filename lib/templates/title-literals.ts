import type { FieldDef } from "./definition";

/**
 * The literal values an example title may hold in place of an overview field. Shared
 * by the importer, which turns them into tokens, and the exporter, which must know
 * which example values will be read back as which token.
 */
const LITERALS: { type: FieldDef["type"]; pattern: RegExp }[] = [
  { type: "date", pattern: /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/ },
  { type: "version", pattern: /(?<![\d.])\d+(?:\.\d+)+(?![\d.])/ },
];

/** The first date and the first version in `title` become the first overview field of that type. */
export function tokenizeLiterals(title: string, fields: readonly FieldDef[]): string {
  let out = title;
  for (const { type, pattern } of LITERALS) {
    const field = fields.find((f) => f.type === type && f.source === "overview");
    if (field) out = out.replace(pattern, `{{${field.key}}}`);
  }
  return out;
}
