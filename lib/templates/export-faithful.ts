import { annotationOf as orderingOf, formatAnnotation } from "./annotation";
import { writeAnnotation } from "./annotations";
import { channelOf, classifyItem } from "./classify-item";
import type { ItemDef, SectionDef, TemplateDefinition } from "./definition";
import { escapeHeading, escapeInline } from "./markdown-escape";

const TOKEN = /\{\{([a-z][A-Za-z0-9]*)\}\}/g;

/**
 * Writes a definition that kept its source (anything imported since items have bodies)
 * back as the Markdown it came from: every line the author wrote, in the same syntax,
 * with annotations for what the words alone do not say. `titleLine` is the line a
 * definition without one gets (from the older exporter's conventions).
 */
export function exportFaithful(def: TemplateDefinition, titleLine: () => string | null): string {
  const blocks: string[] = [];
  const typed = def.fields.filter((f) => f.typeSet);
  if (typed.length > 0)
    blocks.push(writeAnnotation({ types: typed.map((f) => `${f.key}:${f.type}`).join(",") }));
  if (def.titleFrom === "line" && def.titleLine) blocks.push(def.titleLine);
  else if (def.titleFrom === "line" && !mentionsTitleLine(def.preamble)) {
    const line = titleLine();
    if (line) blocks.push(line);
  }
  if (def.preamble) blocks.push(def.preamble);
  if (def.overview) blocks.push(def.overview);
  if (def.acknowledgements) blocks.push(def.acknowledgements);
  const writer = new FaithfulItems(def);
  for (const section of def.sections) blocks.push(writer.section(section));
  // Last, where no heading's block can read them as fields or acknowledgements.
  if (def.quickActions?.length) blocks.push(def.quickActions.map((a) => a.raw).join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

function mentionsTitleLine(preamble: string | undefined): boolean {
  return !!preamble && /name\s+the\s+new\s+(issue|checklist)|title:/i.test(preamble);
}

class FaithfulItems {
  constructor(private readonly def: TemplateDefinition) {}

  section(section: SectionDef): string {
    const ordering = formatAnnotation(orderingOf(section));
    const written = section.heading ?? `### ${escapeHeading(section.title)}`;
    const heading = ordering && written ? `${written} ${ordering}` : written;
    const parts = heading === "" ? [] : [heading];
    if (section.intro) parts.push(section.intro);
    if (section.items.length > 0) {
      // A numbered list next to the items would merge with them; a different delimiter keeps them apart.
      const numbered = /^\d{1,9}\.(?:[ \t]|$)/m;
      const delimiter = numbered.test(section.intro ?? "") || numbered.test(section.outro ?? "") ? ")" : ".";
      parts.push(section.items.flatMap((item, n) => this.itemLines(item, "", n + 1, delimiter)).join("\n"));
    }
    if (section.outro) parts.push(section.outro);
    return parts.join("\n\n");
  }

  private itemLines(item: ItemDef, indent: string, number: number, delimiter = "."): string[] {
    const marker = `${number}${delimiter} `;
    const box = item.group ? "" : item.done ? "[x] " : "[ ] ";
    const own = (item.markdown ?? escapeInline(item.text)).split("\n");
    const annotation = this.annotationOf(item);
    const textIndent = indent + " ".repeat(marker.length + 2);
    // A group's tasks sit inside its bullet, so that the bullet holds them.
    const childIndent = item.group ? textIndent : indent + " ".repeat(marker.length);
    const lines = [
      `${indent}${marker}* ${box}${own[0] ?? ""}${annotation ? ` ${annotation}` : ""}`.trimEnd(),
      ...own.slice(1).map((line) => `${textIndent}${line}`),
    ];
    if (item.body) {
      lines.push("", ...item.body.split("\n").map((line) => (line === "" ? "" : `${textIndent}${line}`)));
      if (item.children.length > 0) lines.push("");
    }
    return [...lines, ...item.children.flatMap((child, n) => this.itemLines(child, childIndent, n + 1))];
  }

  /** Order and approvals as set, and `kind=` only where the words would not give the same kind on import. */
  private annotationOf(item: ItemDef): string {
    const ordering = orderingAttributes(item);
    const kind = this.kindOf(item);
    return writeAnnotation({ ...ordering, ...kind });
  }

  private kindOf(item: ItemDef): Record<string, string | undefined> {
    if (item.group || item.channel) return {};
    const used = [...item.text.matchAll(TOKEN)].flatMap((m) => this.def.fields.filter((f) => f.key === m[1]));
    const words = classifyItem({
      text: item.text,
      lines: item.text.split("\n"),
      childChannels: item.children.map((c) => channelOf(c.text)),
      usedFields: used,
      fields: this.def.fields,
    });
    if (words.kind === item.kind && item.kind !== "automation") return {};
    return { kind: item.kind, automation: item.automation };
  }
}

/** An item's `id`, `needs`, `when` and `approvals` as annotation attributes, in annotation.ts's order. */
function orderingAttributes(item: ItemDef): Record<string, string | undefined> {
  const a = orderingOf(item);
  return {
    id: a.id,
    needs: a.needs?.length ? a.needs.join(",") : undefined,
    when: a.when,
    approvals: a.approvals === undefined ? undefined : String(a.approvals),
  };
}
