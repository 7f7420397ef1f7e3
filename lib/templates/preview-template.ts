import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { applyChoices, type ImportChoices } from "./apply-choices";
import { countItems, walkItems, type FieldDef, type TemplateDefinition } from "./definition";
import { analyseTemplate, type ImportWarning, type KindSuggestion } from "./parse-template";
import { quickActionHints, type QuickActionHints } from "./quick-actions";
import { slugify, templateNameFrom } from "./template-name";

/** One item as the preview lists it. */
export type PreviewItem = {
  sectionKey: string;
  key: string;
  line: number;
  depth: number;
  text: string;
  kind: string;
  automation?: string;
  group: boolean;
  done: boolean;
  hasBody: boolean;
  suggestion?: { kind: string; automation?: string };
};

/** What an import would create, shown before anything is stored. */
export type TemplatePreview = {
  name: string;
  slug: string;
  titlePattern: string;
  sections: {
    key: string;
    title: string;
    offset: string | null;
    branch: string | null;
    items: number;
    hasIntro: boolean;
  }[];
  items: PreviewItem[];
  fields: Pick<FieldDef, "key" | "label" | "type" | "source" | "required" | "hint" | "line">[];
  ackGroups: { name: string; entries: number }[];
  quickActions: { command: string; args: string; line: number }[];
  hints: QuickActionHints;
  warnings: ImportWarning[];
  itemCount: number;
  /** The Markdown that would be stored: the upload with the author's choices written in. */
  markdown: string;
  definition: TemplateDefinition;
};

/**
 * Reads a template the way an import would, without storing anything, so the author sees
 * the sections, items with their kinds, fields with their types, acknowledgement groups,
 * quick actions and every warning first. Shared by the upload page, the API's `?dryRun=1`
 * and the command line's `--dry-run`.
 *
 * @throws TemplateImportError when the template cannot be imported at all.
 */
export function previewTemplate(input: {
  actor: Actor | null | "system";
  markdown: string | Uint8Array;
  name?: string;
  choices?: ImportChoices;
}): TemplatePreview {
  if (input.actor !== "system") requirePermission(input.actor, "templates.write");
  const markdown = applyChoices(input.markdown, input.choices ?? { items: [], fields: [] });
  const { definition, warnings, suggestions } = analyseTemplate(markdown);
  return describe(definition, warnings, suggestions, markdown, input.name);
}

function describe(
  definition: TemplateDefinition,
  warnings: ImportWarning[],
  suggestions: KindSuggestion[],
  markdown: string,
  name?: string,
): TemplatePreview {
  const shownName = name?.trim() || templateNameFrom(definition);
  const suggested = new Map(suggestions.map((s) => [`${s.sectionKey}/${s.itemKey}`, s]));
  return {
    name: shownName,
    slug: slugify(shownName),
    titlePattern: definition.titlePattern,
    sections: definition.sections.map((s) => ({
      key: s.key,
      title: s.title,
      offset: s.offset?.label ?? null,
      branch: s.branch,
      items: s.items.length,
      hasIntro: !!s.intro,
    })),
    items: [...walkItems(definition)].map(({ section, item, depth }) => {
      const s = suggested.get(`${section.key}/${item.key}`);
      return {
        sectionKey: section.key,
        key: item.key,
        line: item.line,
        depth,
        text: item.text,
        kind: item.kind,
        ...(item.automation ? { automation: item.automation } : {}),
        group: !!item.group,
        done: !!item.done,
        hasBody: !!item.body,
        ...(s ? { suggestion: { kind: s.kind, ...(s.automation ? { automation: s.automation } : {}) } } : {}),
      };
    }),
    fields: definition.fields.map(({ key, label, type, source, required, hint, line }) => ({
      key,
      label,
      type,
      source,
      required,
      hint,
      line,
    })),
    ackGroups: definition.ackGroups.map((g) => ({ name: g.name, entries: g.entries.length })),
    quickActions: (definition.quickActions ?? []).map(({ command, args, line }) => ({ command, args, line })),
    hints: quickActionHints(definition.quickActions),
    warnings,
    itemCount: countItems(definition),
    markdown,
    definition,
  };
}
