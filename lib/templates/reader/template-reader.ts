import type { Html, Nodes } from "mdast";
import { visit } from "unist-util-visit";
import { applyAnnotations } from "../apply-annotations";
import { isAnnotationHtml } from "../annotations";
import { channelOf, classifyItem, suggestKind } from "../classify-item";
import {
  definitionSchema,
  type FieldDef,
  type ItemDef,
  type SectionDef,
  type TemplateDefinition,
} from "../definition";
import { TemplateImportError } from "../import-error";
import { collapseWhitespace, paragraphSegments, segmentsToString } from "../inline-text";
import {
  countTaskNodes,
  firstTooDeep,
  hasTask,
  isList,
  ownParagraphs,
  taskNodesOfList,
  type TaskNode,
} from "../item-tree";
import { parseOffset, withoutOffsetParenthetical } from "../parse-offset";
import { assignBranches, slugify, uniqueSlugs } from "../section-meta";
import { nodeSource, nodesSource } from "../source-text";

import type { TemplateAnalysis } from "./analysis";
import { MAX_NESTING_DEPTH, MAX_ITEMS } from "./analysis";
import {
  tasksOf,
  itemMarkdown,
  optional,
  readCc,
  readNotes,
  type Chunk,
  type Block,
  type SectionDraft,
} from "./template-nodes";
import { HeaderReader } from "./header-reader";

/** Reads a parsed template into its definition: blocks, sections and items, then the whole checked. */
export class TemplateReader extends HeaderReader {
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

  protected splitIntoBlocks(): Block[] {
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

  protected buildSections(drafts: readonly SectionDraft[]): SectionDef[] {
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

  protected buildItem(task: TaskNode, key: string, sectionKey: string): ItemDef {
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
}
