import type { Heading, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { extractAnnotations } from "./annotation";
import { applyAnnotations } from "./apply-annotations";
import { channelOf, classifyItem } from "./classify-item";
import { decodeTemplateInput } from "./decode-input";
import {
  definitionSchema,
  type AckGroupDef,
  type FieldDef,
  type ItemDef,
  type SectionDef,
  type TemplateDefinition,
} from "./definition";
import { FieldRegistry } from "./field-registry";
import { TemplateImportError, type ImportIssue } from "./import-error";
import {
  collapseWhitespace,
  inlineSegments,
  paragraphSegments,
  segmentsToString,
  type Placeholder,
  type Segment,
} from "./inline-text";
import {
  countTaskNodes,
  firstTooDeep,
  isList,
  ownParagraphs,
  taskNodesOfList,
  type TaskNode,
} from "./item-tree";
import { firstHeavyParagraph, firstOverNestedLine, MAX_CONTAINER_DEPTH } from "./parser-guards";
import { parseOffset, withoutOffsetParenthetical } from "./parse-offset";
import { assignBranches, slugify, uniqueSlugs } from "./section-meta";
import { tokenizeLiterals } from "./title-literals";

export const MAX_NESTING_DEPTH = 8;
export const MAX_ITEMS = 5000;
export const UNTITLED = "Untitled checklist";

/** A heading and everything up to the next heading of any level. */
type Block = { heading: Heading | null; nodes: RootContent[]; tasks: TaskNode[] };

type SectionDraft = { title: string; line: number; tasks: TaskNode[] };

/**
 * Imports a Markdown checklist template (GFM task lists under `###` headings, an
 * "Overview Details" block of `Label: \`_REPLACE_WITH_ hint\`` lines, optional
 * acknowledgement lists) into a TemplateDefinition.
 *
 * @throws TemplateImportError listing every problem found.
 */
export function parseTemplate(input: string | Uint8Array): TemplateDefinition {
  const decoded = decodeTemplateInput(input);
  if (decoded.fatal) throw new TemplateImportError(decoded.issues);
  // Runsheet's annotations are comments; the Markdown is read without them, line numbers kept.
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

  const tree = unified().use(remarkParse).use(remarkGfm).parse(source);
  const blocks = splitIntoBlocks(tree);
  const registry = new FieldRegistry();

  readOverviewFields(blocks, source, registry, issues);
  const { drafts, ackGroups } = arrangeBlocks(blocks, source);

  const allTasks = drafts.flatMap((d) => d.tasks);
  if (allTasks.length === 0) {
    issues.push({ line: null, message: 'the template has no task items ("* [ ] …")' });
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

  const sections = buildSections(drafts, source, registry, issues);
  if (issues.length === 0) applyAnnotations(sections, annotated.found, issues);
  if (issues.length > 0) throw new TemplateImportError(issues);
  const definition: TemplateDefinition = {
    titlePattern: readTitle(tree, source, registry),
    fields: registry.fields,
    ackGroups,
    cc: readCc(tree, source),
    notes: readNotes(tree, source, registry),
    sections,
  };

  const checked = definitionSchema.safeParse(definition);
  if (!checked.success) {
    throw new TemplateImportError(
      checked.error.issues.map((i) => ({ line: null, message: `${i.path.join(".")}: ${i.message}` })),
    );
  }
  return checked.data;
}

function splitIntoBlocks(tree: Root): Block[] {
  const blocks: Block[] = [{ heading: null, nodes: [], tasks: [] }];
  for (const node of tree.children) {
    if (node.type === "heading") {
      blocks.push({ heading: node, nodes: [], tasks: [] });
      continue;
    }
    const block = blocks[blocks.length - 1]!;
    block.nodes.push(node);
    if (isList(node)) block.tasks.push(...taskNodesOfList(node));
  }
  return blocks;
}

/**
 * Decides which headings are sections. The section level is the shallowest
 * heading level that directly holds task items, so templates using `##` work as
 * well as the seed's `###`; tasks under deeper headings join the enclosing section.
 */
function arrangeBlocks(
  blocks: readonly Block[],
  source: string,
): { drafts: SectionDraft[]; ackGroups: AckGroupDef[] } {
  const ackBlocks = new Set(blocks.filter((b) => isAckBlock(b, source)));
  const depths = blocks
    .filter((b) => b.heading && b.tasks.length > 0 && !ackBlocks.has(b))
    .map((b) => b.heading!.depth);
  const level = depths.length > 0 ? Math.min(...depths) : 0;

  const drafts: SectionDraft[] = [];
  const ackGroups: AckGroupDef[] = [];
  let current: SectionDraft | null = null;

  for (const block of blocks) {
    const heading = block.heading;
    if (!heading) {
      if (block.tasks.length > 0) {
        current = { title: "Checklist", line: block.tasks[0]!.line, tasks: [...block.tasks] };
        drafts.push(current);
      }
      continue;
    }
    if (ackBlocks.has(block)) {
      ackGroups.push(ackGroup(block, source));
      if (heading.depth <= level) current = null;
      continue;
    }
    const draft: SectionDraft = {
      title: headingText(heading),
      line: lineOf(heading),
      tasks: [...block.tasks],
    };
    if (heading.depth === level || (heading.depth > level && !current && block.tasks.length > 0)) {
      current = draft;
      drafts.push(current);
    } else if (heading.depth < level) {
      current = null;
    } else if (current) {
      current.tasks.push(...block.tasks);
    }
  }

  const keys = uniqueSlugs(ackGroups.map((g) => slugify(g.name)));
  ackGroups.forEach((g, i) => (g.key = keys[i] ?? g.key));
  return { drafts: drafts.filter((d) => d.tasks.length > 0), ackGroups };
}

/**
 * A heading whose tasks are only people to tick themselves off (`@Name` or a
 * handle placeholder) collects acknowledgements; it is not part of the run's work.
 */
function isAckBlock(block: Block, source: string): boolean {
  return (
    block.heading !== null &&
    block.tasks.length > 0 &&
    block.tasks.every((t) => t.children.length === 0 && handleOf(t, source) !== null)
  );
}

function handleOf(task: TaskNode, source: string): string | null {
  const text = collapseWhitespace(
    segmentsToString(paragraphSegments(ownParagraphs(task.node), source), (p) => p.hint),
  );
  return /^@\S+$/.test(text) ? text : null;
}

function ackGroup(block: Block, source: string): AckGroupDef {
  const firstList = block.nodes.findIndex(isList);
  const prompt = block.nodes
    .slice(0, firstList === -1 ? block.nodes.length : firstList)
    .filter((n): n is Paragraph => n.type === "paragraph")
    .map((p) => collapseWhitespace(toString(p)))
    .join(" ");
  const name = headingText(block.heading!);
  return {
    key: slugify(name),
    name,
    prompt,
    entries: block.tasks.map((t) => ({ placeholder: handleOf(t, source) ?? "", line: t.line })),
    line: lineOf(block.heading!),
  };
}

/**
 * Overview fields are `Label: \`_REPLACE_WITH_ hint\`` lines under a heading that
 * mentions "Overview" (and its sub-headings). The label is whatever precedes the
 * placeholder on its line.
 */
function readOverviewFields(
  blocks: readonly Block[],
  source: string,
  registry: FieldRegistry,
  issues: ImportIssue[],
): void {
  let overviewDepth: number | null = null;
  for (const block of blocks) {
    const heading = block.heading;
    if (heading) {
      if (overviewDepth !== null && heading.depth <= overviewDepth) overviewDepth = null;
      if (overviewDepth === null && /\boverview\b/i.test(headingText(heading))) overviewDepth = heading.depth;
    }
    if (overviewDepth === null) continue;

    for (const node of block.nodes) {
      visit(node, "paragraph", (paragraph: Paragraph) => {
        let lineText = "";
        for (const segment of inlineSegments(paragraph.children, source)) {
          if (segment.type === "text") {
            const lastBreak = segment.value.lastIndexOf("\n");
            lineText = lastBreak === -1 ? lineText + segment.value : segment.value.slice(lastBreak + 1);
            continue;
          }
          const { hint, line } = segment.placeholder;
          const label = collapseWhitespace(lineText).replace(/\s*:$/, "").trim();
          lineText = "";
          if (hint === "") {
            issues.push({
              line,
              message: `the placeholder for "${label || "(no label)"}" has an empty _REPLACE_WITH_ hint`,
            });
            continue;
          }
          registry.addOverview(label || hint, hint, line);
        }
      });
    }
  }
}

function buildSections(
  drafts: readonly SectionDraft[],
  source: string,
  registry: FieldRegistry,
  issues: ImportIssue[],
): SectionDef[] {
  const offsets = drafts.map((d) => parseOffset(d.title));
  const keys = uniqueSlugs(
    drafts.map((d, i) => slugify(withoutOffsetParenthetical(d.title, offsets[i] ?? null))),
  );
  const branches = assignBranches(drafts.map((d) => d.title));
  return drafts.map((draft, i) => ({
    key: keys[i] ?? slugify(draft.title),
    title: draft.title,
    line: draft.line,
    offset: offsets[i] ?? null,
    branch: branches[i] ?? null,
    items: draft.tasks.map((t, n) => buildItem(t, String(n + 1), { source, registry, issues })),
  }));
}

type BuildContext = { source: string; registry: FieldRegistry; issues: ImportIssue[] };

function buildItem(task: TaskNode, key: string, context: BuildContext): ItemDef {
  const { source, registry, issues } = context;
  const segments = paragraphSegments(ownParagraphs(task.node), source);
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

  // Children first: the parent's kind depends on whether they are channel lines.
  const children = task.children.map((child, n) => buildItem(child, `${key}.${n + 1}`, context));
  const childChannels = children.map((c) => channelOf(c.text));
  const classification = classifyItem({
    text: collapseWhitespace(rendered),
    lines: rendered.split("\n"),
    childChannels,
    usedFields,
    fields: registry.fields,
  });

  const announces = classification.kind === "notify" || classification.kind === "decision";
  return {
    key,
    ...classification,
    line: task.line,
    children: announces
      ? children.map((child, n) => {
          const channel = childChannels[n];
          return channel
            ? {
                key: child.key,
                text: child.text,
                kind: "notify" as const,
                line: child.line,
                channel,
                children: child.children,
              }
            : child;
        })
      : children,
  };
}

/** "Name The New Issue Like This (…): Promote Changeset v4.3 To Production". */
const TITLE_LINE =
  /^\s*(?:name\s+(?:the\s+|this\s+)?(?:new\s+)?(?:issue|checklist|run)\b[^:]*|(?:issue\s+|checklist\s+|run\s+)?title):\s*(\S.*)$/i;

/**
 * The title line gives an example title; the literal values in it (a version like
 * 4.3, a date) stand for the overview fields of that type.
 */
function readTitle(tree: Root, source: string, registry: FieldRegistry): string {
  for (const node of tree.children) {
    if (node.type !== "paragraph") continue;
    const text = withKnownTokens(inlineSegments(node.children, source), registry);
    for (const line of text.split("\n")) {
      const example = TITLE_LINE.exec(line)?.[1]?.trim();
      if (example) return tokenizeLiterals(collapseWhitespace(example), registry.fields);
    }
  }
  const firstHeading = tree.children.find((n): n is Heading => n.type === "heading");
  const fallback = firstHeading ? headingText(firstHeading) : "";
  return fallback || UNTITLED;
}

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
  return collapseWhitespace(toString(heading));
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
