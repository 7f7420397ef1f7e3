import { z } from "zod";
import { RESULT_VALUES } from "@/lib/templates/definition";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.")
    // The shape alone lets 9999-99-99 through to the database, which cannot read it.
    .refine(isCalendarDay, "Not a date on the calendar.")
    .optional(),
);

function isCalendarDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The filters of the promotions list, as they arrive in a query string. */
export const promotionFilterSchema = z.object({
  /** A team's slug; the list only ever holds the teams the reader may see. */
  team: text(40),
  template: text(100),
  result: z.preprocess(blankToUndefined, z.enum([...RESULT_VALUES, "none"]).optional()),
  status: z.preprocess(blankToUndefined, z.enum(["open", "closed"]).optional()),
  from: day,
  to: day,
  version: text(100),
  person: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(/^@/, "") : v),
    z.string().max(100).optional(),
  ),
  q: text(200),
  /** Rehearsals are left out unless asked for: "include" lists them too, "only" lists nothing else. */
  rehearsals: z.preprocess(blankToUndefined, z.enum(["exclude", "include", "only"]).default("exclude")),
});
export type PromotionFilter = z.output<typeof promotionFilterSchema>;

/** The first value of each key, as URLSearchParams and Next's searchParams give them. */
export function filterInput(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const keys = Object.keys(promotionFilterSchema.shape);
  const get = (k: string) => {
    if (params instanceof URLSearchParams) return params.get(k) ?? undefined;
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return Object.fromEntries(keys.map((k) => [k, get(k)]));
}
