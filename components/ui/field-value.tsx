"use client";

import type { FieldDef } from "@/lib/templates/definition";
import { formatFieldValue } from "@/lib/format/field-value";
import { LocalTime } from "@/components/ui/local-time";

/** A run's field value through its type; a time in the viewer's zone, like every other time. */
export function FieldValue({
  field,
  value,
}: {
  field: Pick<FieldDef, "type">;
  value: string | null | undefined;
}) {
  if (field.type === "datetime" && value && !Number.isNaN(Date.parse(value)))
    return <LocalTime iso={value} />;
  const shown = formatFieldValue(field, value);
  return shown === null ? <span className="text-slate-600">not recorded</span> : <>{shown}</>;
}
