import type { Heading, Nodes, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { FieldRegistry } from "../field-registry";
import {
  collapseWhitespace,
  inlineSegments,
  paragraphSegments,
  segmentsToString,
  type Placeholder,
  type Segment,
} from "../inline-text";
import { type TaskNode } from "../item-tree";
import { QUICK_ACTION_LINE } from "../quick-actions";
import { nodeSource } from "../source-text";

/** A piece of a heading's block, in document order: Markdown to keep, or a task. */
export type Chunk = { type: "content"; node: Nodes } | { type: "task"; task: TaskNode };

/** A heading and everything up to the next heading of any level. */
export type Block = { heading: Heading | null; nodes: RootContent[]; chunks: Chunk[]; tasks: TaskNode[] };

export type SectionDraft = {
  title: string;
  line: number;
  heading: Heading | null;
  chunks: Chunk[];
};

export function tasksOf(chunks: readonly Chunk[]): TaskNode[] {
  return chunks.flatMap((c) => (c.type === "task" ? [c.task] : []));
}

/** A sub-heading over tasks, read as a group item whose text is the heading's. */
export function headingGroup(heading: Heading, chunks: readonly Chunk[]): TaskNode {
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
export function itemMarkdown(paragraph: Paragraph, source: string, cut: [number, number][]): string {
  return (
    nodeSource(paragraph, source, cut)
      .split("\n")
      .map((line, i) => (i === 0 ? line : line.trimStart()))
      .join("\n")
      .trim()
      // A task line that starts with code, or whose box ends its line (the text on the next),
      // keeps its checkbox inside the paragraph's span.
      .replace(/^\[[ xX]\](?:[ \t]*\n|[ \t]+|$)/, "")
  );
}

export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value !== undefined && value !== "" ? ({ [key]: value } as Record<K, string>) : {};
}

export function isQuickActionParagraph(node: Nodes, source: string): boolean {
  if (node.type !== "paragraph") return false;
  return nodeSource(node, source)
    .split("\n")
    .every((line) => QUICK_ACTION_LINE.test(line));
}

/** "Name The New Issue Like This (…): Promote Changeset v4.3 To Production". */
export const TITLE_LINE =
  /^\s*(?:name\s+(?:the\s+|this\s+)?(?:new\s+)?(?:issue|checklist|run)\b[^:]*|(?:issue\s+|checklist\s+|run\s+)?title):\s*(\S.*)$/i;

/** `/cc \`_REPLACE_WITH_ @Group\` @someone` → ["@Group", "@someone"]. */
export function readCc(tree: Root, source: string): string[] {
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

export function readNotes(tree: Root, source: string, registry: FieldRegistry): string[] {
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
export function withKnownTokens(segments: readonly Segment[], registry: FieldRegistry): string {
  return segmentsToString(segments, (p: Placeholder) => {
    const field = registry.lookup(p);
    return field ? `{{${field.key}}}` : p.hint;
  });
}

export function headingText(heading: Heading): string {
  return collapseWhitespace(toString(heading, { includeHtml: false }));
}

export function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
