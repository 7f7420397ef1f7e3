import type { RunAudit } from "@/lib/audit/run-audit";
import { elapsedText } from "@/lib/audit/evidence-format";
import { fieldTokenValues } from "@/lib/format/field-tokens";
import { renderTokens } from "@/lib/templates/render-tokens";

/**
 * RFC 4180 quoting. A cell that a spreadsheet would run as a formula gets a leading
 * apostrophe: item text and notes are typed by people and opened by others.
 */
export function csvCell(value: unknown): string {
  let s = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function evidenceItemsCsv(audit: RunAudit): string {
  const sectionTitle = new Map(audit.run.sections.map((s) => [s.id, s.title]));
  // No `{{key}}` in evidence: placeholders filled, a time in UTC with its offset.
  const textValues = fieldTokenValues(audit.run.fieldDefs, audit.run.fields, { forExport: true });
  return toCsv(
    [
      "section",
      "path",
      "kind",
      "text",
      "state",
      "done_by",
      "done_at",
      "started_at",
      "elapsed_ms",
      "elapsed",
      "assignee",
      "note",
      "flags",
      // Every row says whether it is a rehearsal's, so a row taken out of the file still says so.
      "rehearsal",
    ],
    audit.run.items.map((i) => [
      sectionTitle.get(i.sectionId) ?? "",
      i.path,
      i.kind,
      renderTokens(i.text, textValues),
      i.state,
      i.doneBy?.handle ?? "",
      i.doneAt ?? "",
      i.startedAt ?? "",
      i.elapsedMs ?? "",
      elapsedText(i.elapsedMs),
      i.assignee?.handle ?? "",
      i.note ?? "",
      (audit.flags[i.id] ?? []).map((f) => f.text).join(" | "),
      audit.run.rehearsal ? "yes" : "no",
    ]),
  );
}
