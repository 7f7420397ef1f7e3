import { z } from "zod";

/**
 * The parsed shape of a checklist template. Stored as JSON on an immutable
 * TemplateVersion; every run snapshots items from it. Keep this schema the single
 * source of truth: the importer's output, the database JSON and the exporter all
 * go through it.
 */

export const FIELD_TYPES = [
  "text",
  "date",
  "datetime",
  "version",
  "stack_id",
  "handles",
  "result",
  "decision",
  "issue_ref",
  "url",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const RESULT_VALUES = ["NO GO", "SUCCEEDED", "FAILED"] as const;
export const DECISION_VALUES = ["GO", "NO GO"] as const;

export const fieldSchema = z.object({
  /** camelCase identifier used in `{{key}}` tokens. */
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  label: z.string().min(1),
  type: z.enum(FIELD_TYPES),
  /** The hint the template author wrote after `_REPLACE_WITH_` (e.g. "X.Y"). */
  hint: z.string(),
  /** Allowed values for enum-like fields (result, decision). */
  options: z.array(z.string()).optional(),
  /** "overview": asked for when a run is created; "item": recorded while the run is worked. */
  source: z.enum(["overview", "item"]),
  required: z.boolean(),
  line: z.number().int().positive(),
  /** The type was set by a `types=` annotation rather than inferred from the placeholder. */
  typeSet: z.literal(true).optional(),
});
export type FieldDef = z.infer<typeof fieldSchema>;

export const ackGroupSchema = z.object({
  key: z.string(),
  name: z.string(),
  prompt: z.string(),
  entries: z.array(z.object({ placeholder: z.string(), line: z.number().int().positive() })),
  line: z.number().int().positive(),
});
export type AckGroupDef = z.infer<typeof ackGroupSchema>;

export const CHANNEL_TYPES = ["email", "slack", "statuspage"] as const;
export const channelSchema = z.object({
  type: z.enum(CHANNEL_TYPES),
  /** The list, channel or status page name as the template wrote it. */
  target: z.string(),
});
export type ChannelDef = z.infer<typeof channelSchema>;

export const AUTOMATION_TYPES = [
  "backup",
  "cloudformation_update",
  "asg_prescale",
  "route53_switch",
  "post_cutover_tests",
  "backoff",
] as const;

export const ITEM_KINDS = [
  "task",
  "stopwatch",
  "decision",
  "notify",
  "automation",
  "link",
  "record",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export type ItemDef = {
  /** Stable dotted path within the section, e.g. "2.1". */
  key: string;
  /** Item text in Markdown-free form, with `{{fieldKey}}` tokens for placeholders. */
  text: string;
  kind: ItemKind;
  line: number;
  /** notify / decision: the announcement with tokens, and the channels it goes to. */
  message?: string;
  channels?: ChannelDef[];
  /** A sub-item that stands for one channel of its parent's announcement. */
  channel?: ChannelDef;
  automation?: (typeof AUTOMATION_TYPES)[number];
  /** link: the template the child checklist is made from. */
  linkTemplate?: string;
  /** record: which field the item sets, and the value when the template names it. */
  recordField?: string;
  recordValue?: string;
  /** The section title a tick of this item moves the run to ("go forward to section …"). */
  goTo?: string;
  /** From the template's annotation (annotation.ts): a name for `needs`, and what this item waits for. */
  id?: string;
  needs?: string[];
  /** Belongs to one result: "succeeded" (SUCCEEDED) or "failed" (FAILED or NO GO). */
  when?: "succeeded" | "failed";
  /** A decision: distinct approvers needed before GO is recorded. */
  approvals?: number;
  /**
   * The item's own line(s) as the author wrote them (links, code, emphasis, placeholders in
   * their original syntax), without the checkbox and without annotations. Export writes this
   * back verbatim; `text` is the plain reading. Absent in definitions stored before bodies.
   */
  markdown?: string;
  /** Everything nested under the item that is not itself a task: paragraphs, code, tables, quotes. */
  body?: string;
  /** Ticked (`[x]`) in the template itself: done before the run starts. */
  done?: true;
  /** A plain bullet or sub-heading that only groups the tasks under it; it is not ticked itself. */
  group?: true;
  children: ItemDef[];
};

const annotationIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

export const itemSchema: z.ZodType<ItemDef> = z.lazy(() =>
  z.object({
    key: z.string().regex(/^\d+(\.\d+)*$/),
    text: z.string(),
    kind: z.enum(ITEM_KINDS),
    line: z.number().int().positive(),
    message: z.string().optional(),
    channels: z.array(channelSchema).optional(),
    channel: channelSchema.optional(),
    automation: z.enum(AUTOMATION_TYPES).optional(),
    linkTemplate: z.string().optional(),
    recordField: z.string().optional(),
    recordValue: z.string().optional(),
    goTo: z.string().optional(),
    id: annotationIdSchema.optional(),
    needs: z.array(annotationIdSchema).optional(),
    when: z.enum(["succeeded", "failed"]).optional(),
    approvals: z.number().int().min(1).max(20).optional(),
    markdown: z.string().optional(),
    body: z.string().optional(),
    done: z.literal(true).optional(),
    group: z.literal(true).optional(),
    children: z.array(itemSchema),
  }),
);

export const offsetSchema = z.object({
  /** Minutes relative to the maintenance window start; negative = before. */
  minutes: z.number().int(),
  /** The text the template used ("5 Days Before", "T-4hrs before change"). */
  label: z.string(),
});

export const sectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  line: z.number().int().positive(),
  offset: offsetSchema.nullable(),
  branch: z.enum(["go", "no_go"]).nullable(),
  /** From the heading's annotation: a name for `needs`, and what the phase waits for instead of the previous one. */
  id: annotationIdSchema.optional(),
  needs: z.array(annotationIdSchema).optional(),
  /** The heading line as written, when it is not simply `### title` (another level, emphasis); "" for none. */
  heading: z.string().optional(),
  /** Markdown between the heading and the first task; a section without tasks keeps only this. */
  intro: z.string().optional(),
  /** Markdown after the section's first task that belongs to no task (trailing notes, link definitions). */
  outro: z.string().optional(),
  items: z.array(itemSchema),
});
export type SectionDef = z.infer<typeof sectionSchema>;

export const QUICK_ACTIONS_USED = ["cc", "assign", "label", "milestone", "due"] as const;

export const quickActionSchema = z.object({
  /** Without the slash: "assign", "label", … (any command; only QUICK_ACTIONS_USED act). */
  command: z.string().regex(/^[a-z_]+$/),
  /** The rest of the line, as written. */
  args: z.string(),
  /** The whole line as written, for the export. */
  raw: z.string(),
  line: z.number().int().positive(),
});
export type QuickActionDef = z.infer<typeof quickActionSchema>;

export const definitionSchema = z.object({
  /** Run title with `{{fieldKey}}` tokens. */
  titlePattern: z.string().min(1),
  fields: z.array(fieldSchema),
  ackGroups: z.array(ackGroupSchema),
  /** Handles copied on the checklist (the seed's `/cc`), as placeholders or handles. */
  cc: z.array(z.string()),
  /** Block-quoted notes the author left for operators. */
  notes: z.array(z.string()),
  sections: z.array(sectionSchema),
  /** Where the title came from: the "Name The New Issue Like This …" line, or the first heading. */
  titleFrom: z.enum(["line", "heading"]).optional(),
  /** The title line exactly as written, so the export repeats the author's words. */
  titleLine: z.string().optional(),
  /** Markdown before the first section that nothing else holds (intro paragraphs, link definitions). */
  preamble: z.string().optional(),
  /** The "Overview Details" block as written (its fields are read from it again on import). */
  overview: z.string().optional(),
  /** The acknowledgement lists as written, with the heading and request above them. */
  acknowledgements: z.string().optional(),
  /** GitLab quick actions (`/cc`, `/assign`, `/label`, `/milestone`, `/due`, others) as written. */
  quickActions: z.array(quickActionSchema).optional(),
});
export type TemplateDefinition = z.infer<typeof definitionSchema>;

/** Depth-first walk over every item of a definition, with its section. */
export function* walkItems(
  def: Pick<TemplateDefinition, "sections">,
): Generator<{ section: SectionDef; item: ItemDef; depth: number; parent: ItemDef | null }> {
  function* walk(
    section: SectionDef,
    items: ItemDef[],
    depth: number,
    parent: ItemDef | null,
  ): Generator<{ section: SectionDef; item: ItemDef; depth: number; parent: ItemDef | null }> {
    for (const item of items) {
      yield { section, item, depth, parent };
      yield* walk(section, item.children, depth + 1, item);
    }
  }
  for (const section of def.sections) yield* walk(section, section.items, 0, null);
}

export function countItems(def: Pick<TemplateDefinition, "sections">): number {
  let n = 0;
  for (const _ of walkItems(def)) n++;
  return n;
}
