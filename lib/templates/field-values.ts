import { z } from "zod";
import type { FieldDef, FieldType } from "@/lib/templates/definition";

function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

/** What each field type accepts, with an error message that says what was expected. */
const byType: Record<FieldType, () => z.ZodType<string>> = {
  // Long enough for a post-mortem's pre-filled timeline.
  text: () => z.string().trim().min(1, "Enter a value").max(20_000),
  date: () =>
    z.string().superRefine((v, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
        ctx.addIssue({ code: "custom", message: "Use the form YYYY-MM-DD" });
      // Date.parse rolls 2026-02-30 over to March; a real date survives the round trip.
      else if (!isRealDate(v)) {
        ctx.addIssue({ code: "custom", message: "Not a real date" });
      }
    }),
  datetime: () =>
    z
      .string()
      .trim()
      .refine((v) => !Number.isNaN(Date.parse(v)), "Use a date and time, e.g. 2026-12-01T22:00Z"),
  version: () =>
    z
      .string()
      .trim()
      .regex(/^\d+\.\d+$/, "Use the form X.Y, e.g. 4.3"),
  stack_id: () =>
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9:/._-]{0,254}$/, "A stack name or ARN: letters, digits, : / . _ -"),
  handles: () =>
    z
      .string()
      .trim()
      .regex(/^@[\w.-]+([,\s]+@[\w.-]+)*$/, "One or more @handles, separated by commas or spaces"),
  result: () => z.enum(["NO GO", "SUCCEEDED", "FAILED"]),
  decision: () => z.enum(["GO", "NO GO"]),
  issue_ref: () =>
    z
      .string()
      .trim()
      .regex(/^#?\d+$/, "A checklist number such as #12"),
  url: () =>
    z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/, "A web address starting with https://"),
};

export function fieldValueSchema(
  field: Pick<FieldDef, "type" | "options"> & { hint?: string },
): z.ZodType<string> {
  if (field.options?.length && (field.type === "result" || field.type === "decision")) {
    return z.enum(field.options as [string, ...string[]]);
  }
  // The seed's changeset versions are X.Y; a version named any other way may be semantic.
  if (field.type === "version" && field.hint !== undefined && !/^v?X(\.[XY])?$/i.test(field.hint)) {
    return z
      .string()
      .trim()
      .regex(/^v?\d+(\.\d+){1,3}(-[\w.]+)?$/, "Use a version such as 16.7 or 16.7.1");
  }
  return byType[field.type]();
}

/** Fields asked for when a run starts; the result is recorded by the run itself. */
export function startFields(fields: FieldDef[]): FieldDef[] {
  return fields.filter((f) => f.source === "overview" && f.type !== "result");
}

/**
 * The form for starting a run: the template's start fields, required ones
 * required, empty optional ones dropped.
 */
export function runFieldsSchema(fields: FieldDef[]) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const f of startFields(fields)) {
    const base = fieldValueSchema(f);
    shape[f.key] = f.required
      ? z.preprocess((v) => (typeof v === "string" ? v.trim() : v), base)
      : z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), base.optional());
  }
  return z.object(shape);
}
