import type { AckGroupDef, FieldDef, ItemDef, SectionDef, TemplateDefinition } from "./definition";

/**
 * One line per thing a definition holds (the title, each field, group, note, section
 * and item), with everything that matters about it spelled out, so two versions can be
 * compared as text a person can read: `Phase 1 › 1.2 [task] Name it "…"`.
 */
export type CanonicalLine = {
  /** The line as shown, with the item's number. */
  text: string;
  /** The same without the item's number: renumbering alone does not change an item. */
  content: string;
};

export function titleLine(def: TemplateDefinition): CanonicalLine {
  const text = `Title: ${def.titlePattern}`;
  return { text, content: text };
}

export function fieldLine(field: FieldDef): CanonicalLine {
  const type = field.options ? `${field.type}: ${field.options.join(" / ")}` : field.type;
  const asked =
    field.source === "overview"
      ? field.required
        ? "asked at start, required"
        : "asked at start"
      : "recorded during the run";
  const text = `{{${field.key}}} ${field.label} (${type}; ${asked}; hint ${field.hint})`;
  return { text, content: text };
}

export function ackGroupLine(group: AckGroupDef): CanonicalLine {
  const entries = group.entries.map((e) => e.placeholder).join(", ");
  const text = `${group.name}: ${entries}${group.prompt ? ` — "${group.prompt}"` : ""}`;
  return { text, content: text };
}

export function ccLine(def: TemplateDefinition): CanonicalLine {
  const text = `/cc ${def.cc.join(" ")}`;
  return { text, content: text };
}

export function noteLine(note: string): CanonicalLine {
  return { text: `> ${note}`, content: `> ${note}` };
}

export function sectionLine(section: SectionDef): CanonicalLine {
  const tags = [
    ...(section.offset ? [`at ${formatOffset(section.offset.minutes)}`] : []),
    ...(section.branch ? [section.branch === "go" ? "GO branch" : "NO GO branch"] : []),
    ...(section.id !== undefined ? [`id ${section.id}`] : []),
    ...(section.needs?.length ? [`needs ${section.needs.join(", ")}`] : []),
  ];
  const text = `${section.title}${tags.length > 0 ? ` (${tags.join(", ")})` : ""}`;
  return { text, content: text };
}

/** `2.1 [notify] Email List "…" — channel email "…"`; the content leaves out "2.1". */
export function itemLine(item: ItemDef): CanonicalLine {
  const content = [`[${item.kind}] ${item.text}`, ...itemDetails(item)].join(" — ");
  return { text: `${item.key} ${content}`, content };
}

function itemDetails(item: ItemDef): string[] {
  return [
    ...(item.message !== undefined ? [`message "${item.message}"`] : []),
    ...(item.channel ? [`channel ${item.channel.type} "${item.channel.target}"`] : []),
    ...(item.channels ? [`to ${item.channels.map((c) => `${c.type} "${c.target}"`).join(", ")}`] : []),
    ...(item.automation ? [`runs ${item.automation}`] : []),
    ...(item.linkTemplate !== undefined ? [`starts "${item.linkTemplate}"`] : []),
    ...(item.recordField !== undefined
      ? [`records {{${item.recordField}}}${item.recordValue !== undefined ? ` = "${item.recordValue}"` : ""}`]
      : []),
    ...(item.goTo !== undefined ? [`goes to "${item.goTo}"`] : []),
    ...(item.id !== undefined ? [`id ${item.id}`] : []),
    ...(item.needs?.length ? [`needs ${item.needs.join(", ")}`] : []),
    ...(item.when !== undefined ? [`only if ${item.when}`] : []),
    ...(item.approvals !== undefined ? [`${item.approvals} approvals`] : []),
  ];
}

/** The whole definition, section by section: `Section › 2.1 [kind] text`. */
export function canonicalLines(def: TemplateDefinition): string[] {
  const items = (section: SectionDef, list: readonly ItemDef[]): string[] =>
    list.flatMap((item) => [`${section.title} › ${itemLine(item).text}`, ...items(section, item.children)]);
  return [
    titleLine(def).text,
    ...def.fields.map((f) => `Field ${fieldLine(f).text}`),
    ...def.ackGroups.map((g) => `Acknowledgements ${ackGroupLine(g).text}`),
    ...(def.cc.length > 0 ? [ccLine(def).text] : []),
    ...def.notes.map((n) => noteLine(n).text),
    ...def.sections.flatMap((s) => [`Section ${sectionLine(s).text}`, ...items(s, s.items)]),
  ];
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  if (abs !== 0 && abs % 1440 === 0) return `T${sign}${abs / 1440}d`;
  if (abs !== 0 && abs % 60 === 0) return `T${sign}${abs / 60}h`;
  return `T${sign}${abs}m`;
}
