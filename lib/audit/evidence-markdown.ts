import type { RunAudit } from "@/lib/audit/run-audit";
import type { RunItemView } from "@/lib/runs/run-view";
import { escapeHeading, escapeInline, escapeLineStart } from "@/lib/templates/markdown-escape";
import { elapsedText, utcStamp } from "@/lib/audit/evidence-format";
import { fillPlaceholders, renderTokens } from "@/lib/templates/render-tokens";
import { fieldTokenValues } from "@/lib/format/field-tokens";
import { REHEARSAL_NOTICE } from "@/lib/rehearsals/rehearsal-label";
import type { FieldDef } from "@/lib/templates/definition";

/**
 * The run as the GitLab issue it replaces: the seed's headings and nested `1. * [ ]`
 * task lists, done items ticked (`* [x]`) and followed by who, when and how long;
 * skipped and untaken items say so in words. Importing it again gives the same
 * sections and items; what the run filled in stays outside the task lists.
 */
export function evidenceMarkdown(audit: RunAudit): string {
  const { run, roster } = audit;
  const line = (label: string, value: string) => `${escapeInline(label)}: ${escapeInline(value)}  `;
  const header = [
    `# ${escapeHeading(run.title)}`,
    [
      ...(run.rehearsal ? [line("Rehearsal", REHEARSAL_NOTICE)] : []),
      line("Run", `#${run.number}`),
      line("Template", `${run.templateName} v${run.templateVersion}`),
      ...run.fieldDefs.map((f) => line(f.label, run.fields[f.key] ?? "")),
      line("Result", run.result ?? "not recorded"),
      line("Status", run.status),
      line("Started", `${utcStamp(run.createdAt)} by @${run.createdBy.handle}`),
      ...(run.closedAt ? [line("Closed", utcStamp(run.closedAt))] : []),
      ...(run.window
        ? [line("Window", `${utcStamp(run.window.start)} – ${utcStamp(run.window.end) || "open"}`)]
        : []),
    ]
      .join("\n")
      .replace(/ {2}$/, ""),
  ];
  const decisions = [...run.decisions]
    .reverse()
    .map(
      (d) =>
        `Decision: **${escapeInline(d.decision)}** — @${d.decidedBy.handle}, ${utcStamp(d.decidedAt)}` +
        `${d.supersedesId ? " (revision)" : ""}: ${escapeInline(d.rationale.replace(/\s+/g, " "))}` +
        `${d.planSha256 ? ` Signed plan SHA-256: ${d.planSha256}` : ""}`,
    );
  const acks = roster.groups.flatMap((g) =>
    g.subscribers.map(
      (s) =>
        `Acknowledgement (${escapeInline(g.name)}): ${escapeInline(s.name)}${s.handle ? ` @${s.handle}` : ""} — ` +
        (s.acknowledgedAt ? `acknowledged ${utcStamp(s.acknowledgedAt)}` : "not acknowledged"),
    ),
  );
  // A skip keeps no doneBy on the item; the log says who skipped it.
  const skippedBy = new Map<string, string>();
  for (const e of audit.events)
    if (e.action === "item.skipped" && e.itemId && e.actorHandle) skippedBy.set(e.itemId, e.actorHandle);
  const sections = run.sections.map((s) => {
    const items = run.items.filter((i) => i.sectionId === s.id);
    return [
      `### ${escapeHeading(s.title)}`,
      ...itemLines(items, skippedBy, audit.flags, run.fieldDefs, run.fields),
    ].join("\n");
  });
  const blocks = [
    ...header,
    ...(decisions.length ? [decisions.join("  \n")] : []),
    ...(acks.length ? [acks.join("  \n")] : []),
    ...sections,
  ];
  return `${blocks.join("\n\n")}\n`;
}

function itemLines(
  items: RunItemView[],
  skippedBy: Map<string, string>,
  flags: RunAudit["flags"],
  fields: FieldDef[] = [],
  values: Record<string, string> = {},
): string[] {
  // Item text is filled like everywhere else; a time in UTC with its offset.
  const textValues = fieldTokenValues(fields, values, { forExport: true });
  const indentOf = new Map<string, string>();
  const out: string[] = [];
  for (const item of items) {
    const number = item.path.split(".").pop() ?? "1";
    const indent = item.parentId ? (indentOf.get(item.parentId) ?? "") : "";
    const marker = `${number}. `;
    indentOf.set(item.id, indent + " ".repeat(marker.length));
    const [first = "", ...rest] = renderTokens(item.text, textValues).split("\n");
    const box = item.state === "done" ? "[x]" : "[ ]";
    const textIndent = indent + " ".repeat(marker.length + 2);
    out.push(
      `${indent}${marker}* ${box} ${escapeInline(first)}${annotation(item, skippedBy.get(item.id))}`.trimEnd(),
    );
    for (const l of rest) out.push(`${textIndent}${escapeLineStart(escapeInline(l))}`);
    if (item.spec.message)
      out.push(`${textIndent}"${escapeInline(renderTokens(item.spec.message, textValues))}"`);
    for (const flag of flags[item.id] ?? []) out.push(`${textIndent}**${escapeInline(flag.text)}**`);
    // The template's own notes under the item, as written (already Markdown), filled in.
    const body = (item.spec as { body?: unknown }).body;
    if (typeof body === "string" && body !== "") {
      const filled = fillPlaceholders(body, fields, values);
      out.push("", ...filled.split("\n").map((l) => (l === "" ? "" : `${textIndent}${l}`)), "");
    }
  }
  return out;
}

function annotation(item: RunItemView, skipper: string | undefined): string {
  const handle = item.doneBy?.handle ?? (item.state === "skipped" ? skipper : undefined);
  const who = handle ? `@${handle}` : "";
  const note = item.note ? ` Note: ${escapeInline(item.note.replace(/\s+/g, " "))}` : "";
  if (item.state === "done") {
    const elapsed = elapsedText(item.elapsedMs);
    return ` — ${[who, utcStamp(item.doneAt)].filter(Boolean).join(", ")}${elapsed ? ` (${elapsed})` : ""}${note}`;
  }
  if (item.state === "skipped")
    return ` — skipped${who ? ` by ${who}` : ""}${item.doneAt ? `, ${utcStamp(item.doneAt)}` : ""}.${note}`;
  if (item.state === "not_taken") return " — not taken (the run went the other way)";
  return note ? ` — not done.${note}` : "";
}
