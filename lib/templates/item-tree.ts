import type { List, ListItem, Nodes, Paragraph } from "mdast";

/** A GFM task item (`[ ]`/`[x]`) and the task items nested under it. */
export type TaskNode = { node: ListItem; line: number; children: TaskNode[] };

/**
 * Turns Markdown lists into the tree of task items. Lists mix two idioms:
 *
 *   * [ ] parent            1. * [ ] parent
 *     * [ ] child              1. * [ ] child
 *
 * In the second, the number is only numbering: the outer ordered item holds a
 * one-item task list, and the following indented list belongs to that task even
 * though Markdown makes it a sibling of the inner list, not its child.
 */
export function taskNodesOfList(list: List): TaskNode[] {
  return list.children.flatMap(taskNodesOfListItem);
}

function taskNodesOfListItem(item: ListItem): TaskNode[] {
  if (typeof item.checked === "boolean") {
    return [
      {
        node: item,
        line: item.position?.start.line ?? 1,
        children: item.children.filter(isList).flatMap(taskNodesOfList),
      },
    ];
  }

  // A plain item with its own words is a heading-like label: its tasks are siblings.
  const hasOwnText = item.children.some((c) => c.type !== "list");
  const out: TaskNode[] = [];
  let anchor: TaskNode | undefined;
  for (const child of item.children) {
    if (!isList(child)) continue;
    const nodes = taskNodesOfList(child);
    if (anchor && !hasOwnText) anchor.children.push(...nodes);
    else out.push(...nodes);
    anchor = out[out.length - 1];
  }
  return out;
}

export function isList(node: Nodes): node is List {
  return node.type === "list";
}

/** The task item's own paragraphs, not those of nested lists. */
export function ownParagraphs(item: ListItem): Paragraph[] {
  return item.children.filter((c): c is Paragraph => c.type === "paragraph");
}

export function countTaskNodes(nodes: readonly TaskNode[]): number {
  return nodes.reduce((n, t) => n + 1 + countTaskNodes(t.children), 0);
}

/** Line of the first (earliest) task nested deeper than `maxDepth`, or null. */
export function firstTooDeep(nodes: readonly TaskNode[], maxDepth: number, depth = 1): number | null {
  let first: number | null = null;
  for (const t of nodes) {
    const found = depth > maxDepth ? t.line : firstTooDeep(t.children, maxDepth, depth + 1);
    if (found !== null && (first === null || found < first)) first = found;
  }
  return first;
}
