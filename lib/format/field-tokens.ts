import type { FieldDef } from "@/lib/templates/definition";
import { formatFieldValue } from "@/lib/format/field-value";
import { formatExportTime, type TimeOptions } from "@/lib/format/time";

/**
 * The values `{{key}}` tokens are filled with, everywhere a run's text is shown: each field
 * through its type, and a field not recorded yet as its label (‹Maintenance window›), so no
 * `{{key}}` ever reaches a reader. Exports write times in UTC with the offset.
 */
export function fieldTokenValues(
  defs: Pick<FieldDef, "key" | "label" | "type">[],
  fields: Record<string, string>,
  opts: TimeOptions & { forExport?: boolean } = {},
): Record<string, string> {
  const typed = defs.map((f) => {
    const raw = fields[f.key];
    const shown =
      opts.forExport && f.type === "datetime" && raw && !Number.isNaN(Date.parse(raw))
        ? formatExportTime(raw)
        : formatFieldValue(f, raw, opts);
    return [f.key, shown ?? `‹${f.label}›`];
  });
  return { ...fields, ...Object.fromEntries(typed) };
}
