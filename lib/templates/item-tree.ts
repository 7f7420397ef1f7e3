import type { List, ListItem, Nodes, Paragraph } from "mdast";

/**
 * A GFM task item (`[ ]`/`[x]`), or a plain bullet that groups tasks, with the task items
 * nested under it and everything else nested under it (its body: paragraphs, plain
 * bullets, code, tables, quotes) in document order.
 */
export type TaskNode = { node: ListItem; line: number; children: TaskNode[]; body: Nodes[]; group: boolean };

/**
 * Turns Markdown lists into the tree of task items. Lists mix two idioms:
 *
 *   * [ ] parent            1. * [ ] parent
 *     * [ ] child              1. * [ ] child
 *
 * In the second, the number is only numbering: the outer ordered item holds a
 * one-item task list, and the following indented list belongs to that task even
 * though Markdown makes it a sibling of the inner list, not its child.
 *
 * A plain bullet with its own words and tasks under it ("09:00 UTC") groups them. A plain
 * bullet without tasks belongs to the task before it in the same list, else to `loose`.
 */
export function taskNodesOfList(list: List, loose: Nodes[] = []): TaskNode[] {
  const out: TaskNode[] = [];
  for (const item of list.children) {
    const previous = out[out.length - 1];
    if (typeof item.checked !== "boolean" && !hasTask(item)) {
      (previous ? previous.body : loose).push(item);
      continue;
    }
    out.push(...taskNodesOfListItem(item, previous ? previous.body : loose));
  }
  return out;
}

function taskNodesOfListItem(item: ListItem, loose: Nodes[]): TaskNode[] {
  const hasOwnText = item.children.length > 0 && item.children[0]!.type !== "list";
  if (typeof item.checked === "boolean" || hasOwnText) {
    const node: TaskNode = {
      node: item,
      line: item.position?.start.line ?? 1,
      children: [],
      body: [],
      group: typeof item.checked !== "boolean",
    };
    item.children.forEach((child, i) => {
      if (i === 0 && child.type === "paragraph") return;
      if (isList(child) && hasTask(child)) node.children.push(...taskNodesOfList(child, node.body));
      else node.body.push(child);
    });
    return [node];
  }

  // Only numbering: the first task is the anchor; later lists and content belong to it.
  const out: TaskNode[] = [];
  let anchor: TaskNode | undefined;
  for (const child of item.children) {
    if (!isList(child) || !hasTask(child)) {
      (anchor ? anchor.body : loose).push(child);
      continue;
    }
    const nodes = taskNodesOfList(child, anchor ? anchor.body : loose);
    if (anchor) anchor.children.push(...nodes);
    else out.push(...nodes);
    anchor = out[out.length - 1];
  }
  return out;
}

/** Whether a node holds a task item anywhere in its lists (not inside quotes or other blocks). */
export function hasTask(node: Nodes): boolean {
  if (node.type === "listItem") {
    return typeof node.checked === "boolean" || node.children.some((c) => isList(c) && hasTask(c));
  }
  if (node.type === "list") return node.children.some(hasTask);
  return false;
}

export function isList(node: Nodes): node is List {
  return node.type === "list";
}

/** The task item's own line(s): its first paragraph. Later paragraphs are its body. */
export function ownParagraphs(item: ListItem): Paragraph[] {
  const first = item.children[0];
  return first?.type === "paragraph" ? [first] : [];
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
