import type { Heading, Nodes, Paragraph } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { type AckGroupDef, type QuickActionDef } from "../definition";
import { labelFromName } from "../infer-field";
import {
  collapseWhitespace,
  inlineSegments,
  paragraphSegments,
  segmentsToString,
  type Placeholder,
  type Segment,
} from "../inline-text";
import { isList, ownParagraphs, type TaskNode } from "../item-tree";
import { readQuickActions } from "../quick-actions";
import { slugify, uniqueSlugs } from "../section-meta";
import { nodeSource, nodesSource } from "../source-text";
import { tokenizeLiterals } from "../title-literals";

import { UNTITLED } from "./analysis";
import {
  headingGroup,
  optional,
  isQuickActionParagraph,
  TITLE_LINE,
  headingText,
  lineOf,
  type Chunk,
  type Block,
  type SectionDraft,
} from "./template-nodes";
import { AnnotationReader } from "./annotation-reader";

/** What stands before and around the checklist: title, overview fields, acknowledgement groups, quick actions. */
export abstract class HeaderReader extends AnnotationReader {
  /**
   * Overview fields are `Label: \`_REPLACE_WITH_ hint\`` lines (or any placeholder syntax)
   * under a heading that mentions "Overview" and its sub-headings. The block is kept as
   * written; its fields are read from it again on every import.
   */
  protected readOverview(blocks: readonly Block[]): string | undefined {
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

  protected readOverviewFields(node: Nodes): void {
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
  protected readAcknowledgements(blocks: readonly Block[]): { groups: AckGroupDef[]; markdown?: string } {
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

  protected isAckBlock(block: Block): boolean {
    return (
      block.heading !== null &&
      block.tasks.length > 0 &&
      block.chunks.every((c) => c.type === "task" || c.node.type === "paragraph") &&
      block.tasks.every(
        (t) => !t.group && t.children.length === 0 && t.body.length === 0 && this.handleOf(t) !== null,
      )
    );
  }

  protected handleOf(task: TaskNode): string | null {
    const text = collapseWhitespace(
      segmentsToString(paragraphSegments(ownParagraphs(task.node), this.source), (p) => p.hint),
    );
    return /^@\S+$/.test(text) ? text : null;
  }

  protected ackGroup(block: Block): AckGroupDef {
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

  protected readQuickActionParagraphs(): QuickActionDef[] {
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
  protected readTitle(): { pattern: string; from: "line" | "heading"; line?: string } {
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
  protected titleText(segments: readonly Segment[]): string {
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
  protected arrangeBlocks(blocks: readonly Block[]): { drafts: SectionDraft[]; preamble: Nodes[] } {
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
}
