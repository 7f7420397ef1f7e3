import { collapseWhitespace } from "./inline-text";
import type { FieldDef, TemplateDefinition } from "./definition";
import { ItemWriter, withAnnotation } from "./export-items";
import { exportFaithful } from "./export-faithful";
import { FieldRegistry } from "./field-registry";
import { codeSpan, escapeHeading, escapeInline, escapeLineStart } from "./markdown-escape";
import { tokenizeLiterals } from "./title-literals";

const TOKEN = /\{\{([a-z][A-Za-z0-9]*)\}\}/g;

/** Values the title line shows for the fields the importer recognises by their shape. */
const EXAMPLE_VALUES: Partial<Record<FieldDef["type"], string>> = {
  date: "2026-01-31",
  version: "4.3",
};

const TITLE_PREFIX = "Name The New Issue Like This (substitute the example values)";

/**
 * Writes a definition back as the Markdown of a GitLab issue template, in the seed's
 * conventions, such that importing it again gives the same definition (line numbers
 * aside): the title line, the overview fields, the acknowledgement lists with `/cc`
 * and notes, and each section's nested task list.
 */
export function exportTemplateMarkdown(def: TemplateDefinition): string {
  // Imported since items keep their source: write that source back.
  if (def.titleFrom !== undefined)
    return exportFaithful(def, () => writeTitleLine(def, registryOf(def.fields)));
  const items = new ItemWriter(def);
  const sections = def.sections.map((s) =>
    [withAnnotation(`### ${escapeHeading(s.title)}`, s), ...items.sectionLines(s.items)].join("\n"),
  );
  const lookup = registryOf(def.fields);
  const titleLine = writeTitleLine(def, lookup);
  const ccAndNotes = [
    ...(def.cc.length > 0
      ? [`/cc ${def.cc.map((handle) => codeSpan(`_REPLACE_WITH_ ${handle}`)).join(" ")}`]
      : []),
    ...def.notes.map((note) => `> ${escapeLineStart(writeWithPlaceholders(note, lookup))}`),
  ];
  // Outside the acknowledgement block, /cc and notes go before the overview: placeholders
  // anywhere under "Overview Details" would be read as more overview fields.
  const inPreamble = def.ackGroups.length === 0;

  const blocks = [
    titleLine ?? `# ${escapeHeading(def.titlePattern)}`,
    ...(inPreamble ? ccAndNotes : []),
    ...(def.fields.some((f) => f.source === "overview") ? [overviewBlock(def.fields)] : []),
    ...(inPreamble ? [] : [acknowledgementBlock(def), ...ccAndNotes]),
    ...sections,
  ];
  return `${blocks.join("\n\n")}\n`;
}

/** A registry holding every field, to ask which field a placeholder would name. */
function registryOf(fields: readonly FieldDef[]): FieldRegistry {
  const registry = new FieldRegistry();
  registry.fields.push(...fields);
  return registry;
}

/** A token's placeholder when reading it back names the same field; the token as text otherwise. */
function placeholderFor(field: FieldDef, lookup: FieldRegistry): string | null {
  const found = lookup.lookup({ style: "replace", hint: field.hint, line: field.line });
  return found === field ? codeSpan(`_REPLACE_WITH_ ${field.hint}`) : null;
}

function writeWithPlaceholders(text: string, lookup: FieldRegistry): string {
  return writeTokens(text, lookup, () => null).markdown;
}

/**
 * Text with its tokens written out. `example` may give a literal value for a token;
 * `read` is the text the importer will see before it turns literals into tokens.
 */
function writeTokens(
  text: string,
  lookup: FieldRegistry,
  example: (field: FieldDef) => string | null,
): { markdown: string; read: string } {
  let markdown = "";
  let read = "";
  let last = 0;
  const addText = (value: string) => {
    markdown += escapeInline(value);
    read += value;
  };
  for (const m of text.matchAll(TOKEN)) {
    const field = lookup.fields.find((f) => f.key === m[1]);
    if (!field) continue;
    addText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const value = example(field);
    const placeholder = value === null ? placeholderFor(field, lookup) : null;
    if (value !== null) {
      markdown += value;
      read += value;
    } else if (placeholder !== null) {
      markdown += placeholder;
      read += m[0];
    } else {
      addText(m[0]);
    }
  }
  addText(text.slice(last));
  return { markdown, read };
}

/**
 * "Name The New Issue Like This (…): Promote Changeset v4.3 To Production". The importer
 * turns the first date and version of the example back into the first overview field of
 * that type, so those are shown as example values where that reads back the same; other
 * tokens become placeholders. Null when no title line reads back as the pattern (a
 * literal version in a title that came from a heading), and the heading is used instead.
 */
function writeTitleLine(def: TemplateDefinition, lookup: FieldRegistry): string | null {
  const firstOfType = (type: FieldDef["type"]) =>
    def.fields.find((f) => f.type === type && f.source === "overview");
  for (const useExamples of [true, false]) {
    const shown = new Set<FieldDef["type"]>();
    const { markdown, read } = writeTokens(def.titlePattern, lookup, (field) => {
      const value = EXAMPLE_VALUES[field.type];
      if (!useExamples || value === undefined || shown.has(field.type) || firstOfType(field.type) !== field)
        return null;
      shown.add(field.type);
      return value;
    });
    if (tokenizeLiterals(collapseWhitespace(read), def.fields) === def.titlePattern) {
      return `${TITLE_PREFIX}: ${markdown}`;
    }
  }
  return null;
}

/** `Label: \`_REPLACE_WITH_ hint\``, with the options in the label when the hint alone does not give them. */
function overviewBlock(fields: readonly FieldDef[]): string {
  const registry = new FieldRegistry();
  const lines = fields
    .filter((f) => f.source === "overview")
    .map((field) => {
      const options = field.options ? ` (${field.options.join(", ")})` : "";
      const label = [field.label, `${field.label}${options}`].find((candidate) => {
        const scratch = registryOf(registry.fields);
        const read = scratch.addOverview(candidate, field.hint, field.line);
        return (
          read.type === field.type &&
          read.label === field.label &&
          read.key === field.key &&
          JSON.stringify(read.options ?? null) === JSON.stringify(field.options ?? null)
        );
      });
      registry.addOverview(label ?? field.label, field.hint, field.line);
      return `${escapeLineStart(escapeInline(label ?? field.label))}: ${codeSpan(`_REPLACE_WITH_ ${field.hint}`)}`;
    });
  return ["### Overview Details", "_______", ...lines].join("\n");
}

function acknowledgementBlock(def: TemplateDefinition): string {
  const groups = def.ackGroups.map((group) =>
    [
      `#### ${escapeHeading(group.name)}`,
      ...(group.prompt ? [escapeLineStart(escapeInline(group.prompt))] : []),
      ...group.entries.map((e) => `* [ ] ${codeSpan(`_REPLACE_WITH_ ${e.placeholder}`)}`),
    ].join("\n"),
  );
  return [
    "### Notify and Subscribe\nCould the following individuals please acknowledge they are aware of this checklist:",
    ...groups,
  ].join("\n\n");
}
