import { apiRoute } from "@/lib/http/api-route";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { exportRunEvidence } from "@/lib/audit/export-run";

const TYPES = {
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
} as const;

/** A run's evidence: `?format=md` (the checklist as ticked), `json` (the verifiable bundle) or `csv` (items). */
export const GET = apiRoute(async (req, { params }: { params: Promise<{ number: string }> }, actor) => {
  const n = Number((await params).number);
  if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError("No such run.");
  const format = new URL(req.url).searchParams.get("format") ?? "json";
  if (!Object.hasOwn(TYPES, format)) throw new ValidationError("format must be md, json or csv.");
  const evidence = await exportRunEvidence({ actor, number: n });
  const body =
    format === "md"
      ? evidence.markdown
      : format === "csv"
        ? evidence.csv
        : `${JSON.stringify(evidence.bundle, null, 2)}\n`;
  const suffix = format === "csv" ? "items.csv" : format === "md" ? "checklist.md" : "evidence.json";
  return new Response(body, {
    headers: {
      "content-type": TYPES[format as keyof typeof TYPES],
      // A rehearsal's evidence is its own export, named so it cannot pass for a promotion's.
      "content-disposition": `attachment; filename="${evidence.bundle.run.rehearsal ? "rehearsal-" : ""}run-${n}-${suffix}"`,
      "cache-control": "no-store",
    },
  });
});
