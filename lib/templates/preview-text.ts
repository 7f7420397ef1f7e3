import type { TemplatePreview } from "./preview-template";

/** The import preview as plain lines, for the command line's `--dry-run`. */
export function previewText(p: TemplatePreview): string[] {
  const out: string[] = [];
  out.push(`would import: ${p.name} (${p.slug}) — title "${p.titlePattern}"`);
  out.push(`${p.sections.length} sections, ${p.itemCount} items, ${p.fields.length} fields`);
  for (const s of p.sections) {
    const when = [s.offset, s.branch].filter(Boolean).join(", ");
    out.push(`section ${s.title}${when ? ` (${when})` : ""}${s.items === 0 ? " — notes only" : ""}`);
    for (const i of p.items.filter((x) => x.sectionKey === s.key)) {
      const kind = i.group ? "group" : i.automation ? `automation:${i.automation}` : i.kind;
      const extra = [
        i.done ? "done in the template" : "",
        i.hasBody ? "has a body" : "",
        i.suggestion ? `words suggest ${i.suggestion.automation ?? i.suggestion.kind}` : "",
      ].filter(Boolean);
      out.push(
        `  ${"  ".repeat(i.depth)}${i.key} [${kind}] ${i.text}${extra.length ? ` (${extra.join("; ")})` : ""}`,
      );
    }
  }
  for (const f of p.fields) {
    out.push(
      `field {{${f.key}}} "${f.label}" ${f.type}, ${f.source === "overview" ? "asked at start" : "recorded in the run"}${f.required ? ", required" : ""} (line ${f.line})`,
    );
  }
  for (const g of p.ackGroups) out.push(`acknowledgement group "${g.name}": ${g.entries} entries`);
  for (const a of p.quickActions) out.push(`quick action /${a.command} ${a.args} (line ${a.line})`);
  for (const w of p.warnings) out.push(`warning: line ${w.line}: ${w.message}`);
  return out;
}
