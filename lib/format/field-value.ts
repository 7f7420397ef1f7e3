import type { FieldDef } from "@/lib/templates/definition";
import { formatDate, formatTime, type TimeOptions } from "@/lib/format/time";

/**
 * A run's field value as people read it, through the field's type: a recorded window
 * `2026-11-30T15:00:00.000Z` becomes "Mon 30 Nov, 15:00 GMT", a date "Tue 1 Dec 2026".
 * Anything else is shown as entered. Null when there is no value.
 */
export function formatFieldValue(
  field: Pick<FieldDef, "type">,
  value: string | null | undefined,
  opts: TimeOptions = {},
): string | null {
  if (value == null || value === "") return null;
  if (field.type === "datetime" && !Number.isNaN(Date.parse(value))) return formatTime(value, opts);
  if (field.type === "date") return formatDate(value);
  return value;
}
