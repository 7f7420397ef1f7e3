import type { Heading, Html, Nodes, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { extractAnnotations, type Annotation as GuardAnnotation } from "./annotation";
import { applyAnnotations } from "./apply-annotations";
import { isAnnotationHtml, parseTypes, readAnnotation, type Annotation } from "./annotations";
import { channelOf, classifyItem, suggestKind, type Explicit } from "./classify-item";
import { decodeTemplateInput } from "./decode-input";
import {
  definitionSchema,
  type AckGroupDef,
  type FieldDef,
  type ItemDef,
  type QuickActionDef,
  type SectionDef,
  type TemplateDefinition,
} from "./definition";
import { FieldRegistry } from "./field-registry";
import { TemplateImportError, type ImportIssue } from "./import-error";
import { labelFromName } from "./infer-field";
import {
  collapseWhitespace,
  inlineSegments,
  paragraphSegments,
  scanPlaceholders,
  segmentsToString,
  type Placeholder,
  type Segment,
} from "./inline-text";
import {
  countTaskNodes,
  firstTooDeep,
  hasTask,
  isList,
  ownParagraphs,
  taskNodesOfList,
  type TaskNode,
} from "./item-tree";
import { firstHeavyParagraph, firstOverNestedLine, MAX_CONTAINER_DEPTH } from "./parser-guards";
import { parseMarkdown } from "./parse-markdown";
import { parseOffset, withoutOffsetParenthetical } from "./parse-offset";
import { readQuickActions, QUICK_ACTION_LINE } from "./quick-actions";
import { assignBranches, slugify, uniqueSlugs } from "./section-meta";
import { nodeSource, nodesSource } from "./source-text";
import { tokenizeLiterals } from "./title-literals";

export const MAX_NESTING_DEPTH = 8;
export const MAX_ITEMS = 5000;
export const UNTITLED = "Untitled checklist";

/** Something the import keeps but cannot act on, or shows differently than GitLab would. */
export type ImportWarning = { line: number; message: string };

/** A kind the words of an unannotated item suggest; the author decides in the preview. */
export type KindSuggestion = {
  sectionKey: string;
  itemKey: string;
  line: number;
  kind: ItemDef["kind"];
  automation?: ItemDef["automation"];
};

export type TemplateAnalysis = {
  definition: TemplateDefinition;
  warnings: ImportWarning[];
  suggestions: KindSuggestion[];
};

/** A piece of a heading's block, in document order: Markdown to keep, or a task. */
type Chunk = { type: "content"; node: Nodes } | { type: "task"; task: TaskNode };

/** A heading and everything up to the next heading of any level. */
type Block = { heading: Heading | null; nodes: RootContent[]; chunks: Chunk[]; tasks: TaskNode[] };

type SectionDraft = {
  title: string;
  line: number;
  heading: Heading | null;
  chunks: Chunk[];
};

/**
 * Imports a Markdown checklist template into a TemplateDefinition. Tasks are GFM task
 * items under headings; everything else the template says is kept where it stands: an
 * item's nested Markdown is its body, a section's paragraphs its intro and outro, the
 * rest of the preamble as written. Kinds that act on the world come from annotations.
 *
 * @throws TemplateImportError listing every problem found.
 */
export function parseTemplate(input: string | Uint8Array): TemplateDefinition {
  return analyseTemplate(input).definition;
}

/** The definition with what the preview shows next to it: warnings and suggested kinds. */
export function analyseTemplate(input: string | Uint8Array): TemplateAnalysis {
  const decoded = decodeTemplateInput(input);
  if (decoded.fatal) throw new TemplateImportError(decoded.issues);
  // Order and approval annotations (annotation.ts) come off the lines first, line numbers
  // kept; kind and type annotations (annotations.ts) stay for the reader below.
  const annotated = extractAnnotations(decoded.text);
  const issues: ImportIssue[] = [...decoded.issues, ...annotated.issues];
  const source = annotated.text;

  const overNested = firstOverNestedLine(source);
  if (overNested !== null) {
    issues.push({
      line: overNested,
      message: `lists or quotes are nested more than ${MAX_CONTAINER_DEPTH} deep`,
    });
  }
  const heavy = firstHeavyParagraph(source);
  if (heavy !== null) issues.push(heavy);
  // Parsing is what these two limits protect, so stop before it.
  if (overNested !== null || heavy !== null) throw new TemplateImportError(issues);

  const tree = parseMarkdown(source);
  return new TemplateReader(tree, source, issues, annotated.found).read();
}

class TemplateReader {
  private readonly registry = new FieldRegistry();
  private readonly warnings: ImportWarning[] = [];
  private readonly suggestions: KindSuggestion[] = [];
  /** Annotation comments not yet claimed by a line that may carry them. */
  private readonly annotations = new Set<Html>();
  private readonly typeAnnotations: { key: string; type: FieldDef["type"]; line: number }[] = [];
  /** Top-level nodes read as something else (title, overview, acknowledgements, quick actions). */
  private readonly consumed = new Set<Nodes>();

  constructor(
    private readonly tree: Root,
    private readonly source: string,
    private readonly issues: ImportIssue[],
    private readonly ordering: ReadonlyMap<number, GuardAnnotation> = new Map(),
  ) {}

  read(): TemplateAnalysis {
    const { tree, source, registry, issues } = this;
    visit(tree, "html", (node: Html) => {
      if (isAnnotationHtml(node.value)) this.annotations.add(node);
    });
    const blocks = this.splitIntoBlocks();

    const overview = this.readOverview(blocks);
    const acks = this.readAcknowledgements(blocks);
    const quickActions = this.readQuickActionParagraphs();
    const title = this.readTitle();
    const { drafts, preamble } = this.arrangeBlocks(blocks);

    const allTasks = drafts.flatMap((d) => tasksOf(d.chunks));
    if (allTasks.length === 0) {
      issues.push({
        line: null,
        message: 'the template has no task items ("* [ ] …"); only Markdown task lists can be imported',
      });
    }
    const tooDeep = firstTooDeep(allTasks, MAX_NESTING_DEPTH);
    if (tooDeep !== null) {
      issues.push({ line: tooDeep, message: `items are nested more than ${MAX_NESTING_DEPTH} levels deep` });
    }
    const itemCount = countTaskNodes(allTasks);
    if (itemCount > MAX_ITEMS) {
      issues.push({ line: null, message: `the template has ${itemCount} items; the limit is ${MAX_ITEMS}` });
    }
    if (issues.length > 0) throw new TemplateImportError(issues);

    this.fieldsInContent(preamble);
    const sections = this.buildSections(drafts);
    if (issues.length === 0) applyAnnotations(sections, this.ordering, issues);
    this.readStandaloneAnnotations();
    this.applyTypes();
    this.warnAboutContent();
    if (issues.length > 0) throw new TemplateImportError(issues);

    const definition: TemplateDefinition = {
      titlePattern: title.pattern,
      fields: registry.fields,
      ackGroups: acks.groups,
      cc: readCc(tree, source),
      notes: readNotes(tree, source, registry),
      sections,
      titleFrom: title.from,
      ...(title.line !== undefined ? { titleLine: title.line } : {}),
      ...optional("preamble", nodesSource(preamble, source)),
      ...optional("overview", overview),
      ...optional("acknowledgements", acks.markdown),
      ...(quickActions.length > 0 ? { quickActions } : {}),
    };

    const checked = definitionSchema.safeParse(definition);
    if (!checked.success) {
      throw new TemplateImportError(
        checked.error.issues.map((i) => ({ line: null, message: `${i.path.join(".")}: ${i.message}` })),
      );
    }
    const warnings = [...this.warnings].sort((a, b) => a.line - b.line);
    return { definition: checked.data, warnings, suggestions: this.suggestions };
  }

  private splitIntoBlocks(): Block[] {
    const blocks: Block[] = [{ heading: null, nodes: [], chunks: [], tasks: [] }];
    for (const node of this.tree.children) {
      if (node.type === "heading") {
        blocks.push({ heading: node, nodes: [], chunks: [], tasks: [] });
        continue;
      }
      const block = blocks[blocks.length - 1]!;
      block.nodes.push(node);
      if (isList(node) && hasTask(node)) {
        const loose: Nodes[] = [];
        const tasks = taskNodesOfList(node, loose);
        block.chunks.push(...loose.map((n): Chunk => ({ type: "content", node: n })));
        block.chunks.push(...tasks.map((task): Chunk => ({ type: "task", task })));
        block.tasks.push(...tasks);
      } else if (!(node.type === "html" && isAnnotationHtml(node.value))) {
        // A document's own annotation lines are written again from the fields they set.
        block.chunks.push({ type: "content", node });
      }
    }
    return blocks;
  }

  /**
   * Overview fields are `Label: \`_REPLACE_WITH_ hint\`` lines (or any placeholder syntax)
   * under a heading that mentions "Overview" and its sub-headings. The block is kept as
   * written; its fields are read from it again on every import.
   */
  private readOverview(blocks: readonly Block[]): string | undefined {
    const kept: Nodes[] = [];
    let overviewDepth: number | null = null;
    for (const block of blocks) {
      const heading = block.heading;
      if (heading) {
        if (overviewDepth !== null && heading.depth <= overviewDepth) overviewDepth = null;
        if (overviewDepth === null && /\boverview\b/i.test(headingText(heading)) && block.tasks.length === 0)
          overviewDepth = heading.depth;
      }
      if (overviewDepth === null || block.tasks.length > 0) continue;
      if (heading) {
        kept.push(heading);
        this.consumed.add(heading);
      }
      for (const node of block.nodes) {
        kept.push(node);
        this.consumed.add(node);
        this.readOverviewFields(node);
      }
    }
    return nodesSource(kept, this.source);
  }

  private readOverviewFields(node: Nodes): void {
    visit(node, "paragraph", (paragraph: Paragraph) => {
      let lineText = "";
      for (const segment of inlineSegments(paragraph.children, this.source)) {
        if (segment.type === "text") {
          const lastBreak = segment.value.lastIndexOf("\n");
          lineText = lastBreak === -1 ? lineText + segment.value : segment.value.slice(lastBreak + 1);
          continue;
        }
        const { hint, line } = segment.placeholder;
        const label = collapseWhitespace(lineText).replace(/\s*:$/, "").trim();
        lineText = "";
        if (hint === "") {
          this.issues.push({
            line,
            message: `the placeholder for "${label || "(no label)"}" has an empty _REPLACE_WITH_ hint`,
          });
          continue;
        }
        this.registry.addOverview(label || labelFromName(hint), hint, line);
      }
    });
  }

  /**
   * A heading whose tasks are only people to tick themselves off (`@Name` or a handle
   * placeholder) collects acknowledgements; it is not part of the run's work. A heading
   * right above such lists with no tasks of its own ("Notify and Subscribe") belongs to them.
   */
  private readAcknowledgements(blocks: readonly Block[]): { groups: AckGroupDef[]; markdown?: string } {
    const groups: AckGroupDef[] = [];
    const kept: Nodes[] = [];
    blocks.forEach((block, i) => {
      if (!this.isAckBlock(block)) return;
      const parent = blocks[i - 1];
      if (
        parent?.heading &&
        groups.length === 0 &&
        parent.tasks.length === 0 &&
        parent.heading.depth < block.heading!.depth &&
        !this.consumed.has(parent.heading)
      ) {
        for (const n of [parent.heading, ...parent.nodes]) {
          if (isQuickActionParagraph(n, this.source)) continue;
          kept.push(n);
          this.consumed.add(n);
        }
      }
      groups.push(this.ackGroup(block));
      for (const n of [block.heading!, ...block.nodes]) {
        if (isQuickActionParagraph(n, this.source)) continue;
        kept.push(n);
        this.consumed.add(n);
      }
    });
    const keys = uniqueSlugs(groups.map((g) => slugify(g.name)));
    groups.forEach((g, i) => (g.key = keys[i] ?? g.key));
    return { groups, ...optional("markdown", nodesSource(kept, this.source)) };
  }

  private isAckBlock(block: Block): boolean {
    return (
      block.heading !== null &&
      block.tasks.length > 0 &&
      block.chunks.every((c) => c.type === "task" || c.node.type === "paragraph") &&
      block.tasks.every(
        (t) => !t.group && t.children.length === 0 && t.body.length === 0 && this.handleOf(t) !== null,
      )
    );
  }

  private handleOf(task: TaskNode): string | null {
    const text = collapseWhitespace(
      segmentsToString(paragraphSegments(ownParagraphs(task.node), this.source), (p) => p.hint),
    );
    return /^@\S+$/.test(text) ? text : null;
  }

  private ackGroup(block: Block): AckGroupDef {
    const firstList = block.nodes.findIndex(isList);
    const prompt = block.nodes
      .slice(0, firstList === -1 ? block.nodes.length : firstList)
      .filter((n): n is Paragraph => n.type === "paragraph" && !isQuickActionParagraph(n, this.source))
      .map((p) => collapseWhitespace(toString(p)))
      .join(" ");
    const name = headingText(block.heading!);
    return {
      key: slugify(name),
      name,
      prompt,
      entries: block.tasks.map((t) => ({ placeholder: this.handleOf(t) ?? "", line: t.line })),
      line: lineOf(block.heading!),
    };
  }

  private readQuickActionParagraphs(): QuickActionDef[] {
    const actions: QuickActionDef[] = [];
    visit(this.tree, "paragraph", (p: Paragraph, _i, parent) => {
      if (parent?.type !== "root" || !isQuickActionParagraph(p, this.source)) return;
      this.consumed.add(p);
      actions.push(...readQuickActions(nodeSource(p, this.source), lineOf(p)));
    });
    for (const a of actions) {
      if (!["cc", "assign", "label", "milestone", "due"].includes(a.command)) {
        this.warnings.push({
          line: a.line,
          message: `the quick action /${a.command} is kept as written but does nothing here`,
        });
      }
    }
    return actions;
  }

  /**
   * "Name The New Issue Like This (…): Promote Changeset v4.3 To Production": the literal
   * values in the example (a version, a date) stand for the overview fields of that type,
   * and placeholders stay placeholders. Without such a line the first heading is the title.
   */
  private readTitle(): { pattern: string; from: "line" | "heading"; line?: string } {
    for (const node of this.tree.children) {
      if (node.type !== "paragraph" || this.consumed.has(node)) continue;
      const segments = inlineSegments(node.children, this.source);
      // Test first: reading a paragraph as the title creates fields for its placeholders.
      if (
        !segmentsToString(segments, (p) => p.hint)
          .split("\n")
          .some((l) => TITLE_LINE.test(l))
      )
        continue;
      const lines = this.titleText(segments).split("\n");
      const at = lines.findIndex((l) => TITLE_LINE.test(l));
      if (at === -1) continue;
      const example = TITLE_LINE.exec(lines[at]!)?.[1]?.trim() ?? "";
      const raw = nodeSource(node, this.source).split("\n");
      if (raw.length === 1) this.consumed.add(node);
      return {
        pattern: tokenizeLiterals(collapseWhitespace(example), this.registry.fields) || UNTITLED,
        from: "line",
        ...(raw.length === 1 ? { line: raw[0]! } : {}),
      };
    }
    const firstHeading = this.tree.children.find((n): n is Heading => n.type === "heading");
    const fallback = firstHeading
      ? collapseWhitespace(this.titleText(inlineSegments(firstHeading.children, this.source)))
      : "";
    return { pattern: fallback || UNTITLED, from: "heading" };
  }

  /** Title text with a token for every placeholder; a placeholder no field has yet becomes one asked at the start. */
  private titleText(segments: readonly Segment[]): string {
    return segmentsToString(segments, (p: Placeholder) => {
      const field =
        this.registry.lookup(p) ??
        (p.hint ? this.registry.addOverview(labelFromName(p.hint), p.hint, p.line) : null);
      return field ? `{{${field.key}}}` : "";
    });
  }

  /**
   * Decides which headings are sections. The section level is the shallowest heading level
   * that directly holds task items, so templates using `##` work as well as the seed's
   * `###`. Below that level, a heading with tasks groups them and one without is part of its
   * section's text. Before the first section everything left over is the preamble; after it,
   * a heading without tasks at or above the level is a section of notes.
   */
  private arrangeBlocks(blocks: readonly Block[]): { drafts: SectionDraft[]; preamble: Nodes[] } {
    const isWork = (b: Block) => b.heading && !this.consumed.has(b.heading);
    const depths = blocks.filter((b) => isWork(b) && b.tasks.length > 0).map((b) => b.heading!.depth);
    const level = depths.length > 0 ? Math.min(...depths) : 0;

    const drafts: SectionDraft[] = [];
    const preamble: Nodes[] = [];
    let current: SectionDraft | null = null;
    const free = (chunks: Chunk[]) => chunks.filter((c) => c.type === "task" || !this.consumed.has(c.node));

    for (const block of blocks) {
      const heading = block.heading;
      if (!heading) {
        if (block.tasks.length > 0) {
          current = {
            title: "Checklist",
            line: block.tasks[0]!.line,
            heading: null,
            chunks: free(block.chunks),
          };
          drafts.push(current);
        } else {
          preamble.push(...free(block.chunks).map((c) => (c as { node: Nodes }).node));
        }
        continue;
      }
      if (this.consumed.has(heading)) continue;
      const chunks = free(block.chunks);
      if (current && heading.depth > level) {
        if (block.tasks.length > 0) {
          // A sub-heading over tasks groups them, like a plain bullet would.
          current.chunks.push({ type: "task", task: headingGroup(heading, chunks) });
        } else {
          current.chunks.push({ type: "content", node: heading }, ...chunks);
        }
        continue;
      }
      if (block.tasks.length === 0 && drafts.length === 0) {
        preamble.push(heading, ...chunks.map((c) => (c as { node: Nodes }).node));
        continue;
      }
      current = { title: headingText(heading), line: lineOf(heading), heading, chunks };
      drafts.push(current);
    }
    return { drafts, preamble };
  }

  private buildSections(drafts: readonly SectionDraft[]): SectionDef[] {
    const offsets = drafts.map((d) => parseOffset(d.title));
    const keys = uniqueSlugs(
      drafts.map((d, i) => slugify(withoutOffsetParenthetical(d.title, offsets[i] ?? null))),
    );
    const branches = assignBranches(drafts.map((d) => d.title));
    return drafts.map((draft, i) => {
      const sectionKey = keys[i] ?? slugify(draft.title);
      if (draft.heading) this.claimAnnotations(draft.heading, "heading");
      const firstTask = draft.chunks.findIndex((c) => c.type === "task");
      const before = draft.chunks.slice(0, firstTask === -1 ? draft.chunks.length : firstTask);
      const after = firstTask === -1 ? [] : draft.chunks.slice(firstTask).filter((c) => c.type === "content");
      const content = (cs: Chunk[]) => cs.map((c) => (c as { node: Nodes }).node);
      if (draft.heading) this.fieldsInContent([draft.heading]);
      this.fieldsInContent(content(before));
      const items = tasksOf(draft.chunks).map((t, n) => this.buildItem(t, String(n + 1), sectionKey));
      this.fieldsInContent(content(after));
      const heading = draft.heading ? nodeSource(draft.heading, this.source) : undefined;
      return {
        key: sectionKey,
        title: draft.title,
        line: draft.line,
        offset: offsets[i] ?? null,
        branch: branches[i] ?? null,
        // "" when the tasks stood before any heading: the export writes none either.
        ...(heading === undefined ? { heading: "" } : heading !== `### ${draft.title}` ? { heading } : {}),
        ...optional("intro", nodesSource(content(before), this.source)),
        ...optional("outro", nodesSource(content(after), this.source)),
        items,
      };
    });
  }

  private buildItem(task: TaskNode, key: string, sectionKey: string): ItemDef {
    const { registry, issues, source } = this;
    const own = ownParagraphs(task.node);
    const explicit = this.itemAnnotation(own[0] ?? null);
    const segments = paragraphSegments(own, source);
    const itemText = segmentsToString(segments, () => "");
    const usedFields: FieldDef[] = [];
    let rendered = "";
    for (const segment of segments) {
      if (segment.type === "text") {
        rendered += segment.value;
        continue;
      }
      if (segment.placeholder.style === "replace" && segment.placeholder.hint === "") {
        issues.push({
          line: segment.placeholder.line,
          message: "a _REPLACE_WITH_ placeholder has an empty hint",
        });
        rendered += "_REPLACE_WITH_";
        continue;
      }
      const field = registry.resolveInItem(segment.placeholder, {
        lineBefore: rendered.slice(rendered.lastIndexOf("\n") + 1),
        itemText,
      });
      if (!usedFields.includes(field)) usedFields.push(field);
      rendered += `{{${field.key}}}`;
    }
    const markdown = own[0] ? itemMarkdown(own[0], source, this.annotationRanges(own[0])) : "";
    this.fieldsInContent(task.body);
    const body = nodesSource(task.body, source);

    // Children first: the parent's kind depends on whether they are channel lines.
    const children = task.children.map((child, n) => this.buildItem(child, `${key}.${n + 1}`, sectionKey));
    const childChannels = children.map((c) => channelOf(c.text));
    const facts = {
      text: collapseWhitespace(rendered),
      lines: rendered.split("\n"),
      childChannels,
      usedFields,
      fields: registry.fields,
    };
    const classification = task.group
      ? { kind: "task" as const, text: facts.text }
      : classifyItem(facts, explicit.explicit);
    if (!task.group && !explicit.explicit.kind && !explicit.explicit.automation) {
      const suggestion = suggestKind(facts);
      if (suggestion) this.suggestions.push({ sectionKey, itemKey: key, line: task.line, ...suggestion });
    }
    if (classification.kind === "automation" && !classification.automation) {
      issues.push({
        line: task.line,
        message:
          "kind=automation needs automation=… (backup, cloudformation_update, asg_prescale, route53_switch, post_cutover_tests)",
      });
    }

    const announces = classification.kind === "notify" || classification.kind === "decision";
    return {
      key,
      ...classification,
      line: task.line,
      markdown,
      ...optional("body", body),
      ...(task.node.checked === true ? { done: true as const } : {}),
      ...(task.group ? { group: true as const } : {}),
      children: announces
        ? children.map((child, n) => {
            const channel = childChannels[n];
            return channel ? { ...child, kind: "notify" as const, channel } : child;
          })
        : children,
    };
  }

  /** The kind an item's own annotation gives it, checked; `types=` on it is remembered. */
  private itemAnnotation(paragraph: Paragraph | null): { explicit: Explicit } {
    if (!paragraph) return { explicit: {} };
    const annotation = this.claimAnnotations(paragraph, "item");
    const a = annotation?.attributes ?? {};
    return {
      explicit: {
        ...(a.kind ? { kind: a.kind as Explicit["kind"] } : {}),
        ...(a.automation ? { automation: a.automation as Explicit["automation"] } : {}),
      },
    };
  }

  /** Reads and claims the annotation comments directly inside `node` (a paragraph or heading). */
  private claimAnnotations(node: Paragraph | Heading, place: "item" | "heading"): Annotation | null {
    const own = node.children.filter((c): c is Html => c.type === "html" && this.annotations.has(c));
    if (own.length === 0) return null;
    const line = own[0]!.position?.start.line ?? lineOf(node);
    for (const h of own) {
      // Only at the end of its line: cut from the middle, the words around it would run together.
      const end = h.position?.end.offset ?? 0;
      const rest = this.source.slice(
        end,
        this.source.indexOf("\n", end) === -1 ? undefined : this.source.indexOf("\n", end),
      );
      if (rest.trim() !== "" && !/^\s*<!--\s*runsheet:/.test(rest)) {
        this.issues.push({
          line: h.position?.start.line ?? line,
          message: "an annotation goes at the end of its line; text follows it here",
        });
      }
    }
    const { annotation, errors } = readAnnotation(own.map((h) => h.value).join(" "), line, place);
    own.forEach((h) => this.annotations.delete(h));
    this.issues.push(...errors);
    this.rememberTypes(annotation);
    return annotation;
  }

  private annotationRanges(node: Paragraph): [number, number][] {
    return node.children
      .filter((c): c is Html => c.type === "html" && isAnnotationHtml(c.value))
      .map((h) => [h.position?.start.offset ?? 0, h.position?.end.offset ?? 0]);
  }

  /** Annotations on lines of their own (or any other line) may only set field types. */
  private readStandaloneAnnotations(): void {
    for (const node of this.annotations) {
      const line = node.position?.start.line ?? 1;
      const { annotation, errors } = readAnnotation(node.value, line, "line");
      this.issues.push(...errors);
      this.rememberTypes(annotation);
    }
    this.annotations.clear();
  }

  private rememberTypes(annotation: Annotation): void {
    const types = annotation.attributes.types;
    if (!types) return;
    const parsed = parseTypes(types);
    if (typeof parsed === "string") return;
    for (const t of parsed) this.typeAnnotations.push({ ...t, line: annotation.line });
  }

  private applyTypes(): void {
    for (const { key, type, line } of this.typeAnnotations) {
      const field = this.registry.fields.find((f) => f.key === key);
      if (!field) {
        this.issues.push({ line, message: `types=: the template has no field "${key}"` });
        continue;
      }
      field.type = type;
      field.typeSet = true;
      if (type !== "result" && type !== "decision") delete field.options;
    }
  }

  /** Placeholders in paragraphs, tables, headings and code outside the items become fields too. */
  private fieldsInContent(nodes: readonly Nodes[]): void {
    const seen = (p: Placeholder, lineBefore: string) => {
      if (p.hint === "") return;
      this.registry.resolveInItem(p, { lineBefore, itemText: "" });
    };
    for (const node of nodes) {
      visit(node, (n: Nodes) => {
        if (n.type === "paragraph" || n.type === "heading" || n.type === "tableCell") {
          let line = "";
          for (const s of inlineSegments(n.children, this.source)) {
            if (s.type === "text") line = s.value.slice(s.value.lastIndexOf("\n") + 1);
            else seen(s.placeholder, line);
          }
          return "skip";
        }
        if (n.type === "code") {
          let line = "";
          for (const s of scanPlaceholders(n.value, (n.position?.start.line ?? 1) + 1)) {
            if (s.type === "text") line = s.value.slice(s.value.lastIndexOf("\n") + 1);
            else seen(s.placeholder, line);
          }
        }
        return undefined;
      });
    }
  }

  /** HTML and directives are kept as written, but GitLab and Runsheet show them differently. */
  private warnAboutContent(): void {
    visit(this.tree, (n: Nodes, _i, parent) => {
      const line = n.position?.start.line ?? 1;
      if (n.type === "html" && !isAnnotationHtml(n.value) && !/^<!--[\s\S]*-->$/.test(n.value.trim())) {
        if (parent?.type === "paragraph" || parent?.type === "heading") {
          if (/^<[A-Z][A-Z0-9_]{2,}>$/.test(n.value.trim())) return;
          this.warnings.push({
            line,
            message: `inline HTML ${JSON.stringify(n.value.slice(0, 40))} is kept as text, not rendered`,
          });
        } else {
          this.warnings.push({
            line,
            message: "an HTML block is kept as written but shown as text, not rendered",
          });
        }
      }
      if (n.type === "paragraph" && /^\s*\[\[_TOC_\]\]\s*$|^\s*\[TOC\]\s*$/.test(toString(n))) {
        this.warnings.push({
          line,
          message: "the table-of-contents directive is kept as text; it is not supported",
        });
      }
      if (n.type === "footnoteDefinition") {
        this.warnings.push({
          line,
          message: "a footnote is kept as written; it is shown as a plain paragraph",
        });
      }
      return undefined;
    });
    const title = this.tree.children.find(
      (n) =>
        n.type === "paragraph" &&
        !this.consumed.has(n) &&
        TITLE_LINE.test(
          toString(n)
            .split("\n")
            .find((l) => TITLE_LINE.test(l)) ?? "",
        ),
    );
    if (title)
      this.warnings.push({
        line: lineOf(title),
        message: "the title line shares its paragraph with other text; that text is kept in place",
      });
  }
}

function tasksOf(chunks: readonly Chunk[]): TaskNode[] {
  return chunks.flatMap((c) => (c.type === "task" ? [c.task] : []));
}

/** A sub-heading over tasks, read as a group item whose text is the heading's. */
function headingGroup(heading: Heading, chunks: readonly Chunk[]): TaskNode {
  const paragraph: Paragraph = { type: "paragraph", children: heading.children, position: heading.position };
  const firstChild = heading.children[0];
  if (firstChild?.position && paragraph.position) {
    paragraph.position = { start: firstChild.position.start, end: heading.position!.end };
  }
  return {
    node: {
      type: "listItem",
      spread: false,
      checked: null,
      children: [paragraph],
      position: heading.position,
    },
    line: lineOf(heading),
    children: tasksOf(chunks),
    body: chunks.flatMap((c) => (c.type === "content" ? [c.node] : [])),
    group: true,
  };
}

/** The item's own line(s) as written, without annotations; continuation lines unindented. */
function itemMarkdown(paragraph: Paragraph, source: string, cut: [number, number][]): string {
  return (
    nodeSource(paragraph, source, cut)
      .split("\n")
      .map((line, i) => (i === 0 ? line : line.trimStart()))
      .join("\n")
      .trim()
      // A task line that starts with code keeps its checkbox inside the paragraph's span.
      .replace(/^\[[ xX]\](?:[ \t]+|$)/, "")
  );
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value !== undefined && value !== "" ? ({ [key]: value } as Record<K, string>) : {};
}

function isQuickActionParagraph(node: Nodes, source: string): boolean {
  if (node.type !== "paragraph") return false;
  return nodeSource(node, source)
    .split("\n")
    .every((line) => QUICK_ACTION_LINE.test(line));
}

/** "Name The New Issue Like This (…): Promote Changeset v4.3 To Production". */
const TITLE_LINE =
  /^\s*(?:name\s+(?:the\s+|this\s+)?(?:new\s+)?(?:issue|checklist|run)\b[^:]*|(?:issue\s+|checklist\s+|run\s+)?title):\s*(\S.*)$/i;

/** `/cc \`_REPLACE_WITH_ @Group\` @someone` → ["@Group", "@someone"]. */
function readCc(tree: Root, source: string): string[] {
  const handles: string[] = [];
  for (const node of tree.children) {
    if (node.type !== "paragraph" || !/^\s*\/cc\b/i.test(toString(node))) continue;
    for (const segment of inlineSegments(node.children, source)) {
      const found =
        segment.type === "placeholder"
          ? [segment.placeholder.hint.replace(/\s+/g, "")]
          : (segment.value.match(/@[\w.\-/]+/g) ?? []);
      for (const h of found) if (h && !handles.includes(h)) handles.push(h);
    }
  }
  return handles;
}

function readNotes(tree: Root, source: string, registry: FieldRegistry): string[] {
  return tree.children
    .filter((n) => n.type === "blockquote")
    .map((quote) => {
      const paragraphs: Paragraph[] = [];
      visit(quote, "paragraph", (p: Paragraph) => {
        paragraphs.push(p);
      });
      return collapseWhitespace(withKnownTokens(paragraphSegments(paragraphs, source), registry));
    })
    .filter(Boolean);
}

/** Placeholders of known fields become tokens; unknown ones keep the author's hint. */
function withKnownTokens(segments: readonly Segment[], registry: FieldRegistry): string {
  return segmentsToString(segments, (p: Placeholder) => {
    const field = registry.lookup(p);
    return field ? `{{${field.key}}}` : p.hint;
  });
}

function headingText(heading: Heading): string {
  return collapseWhitespace(toString(heading, { includeHtml: false }));
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
