import type { Nodes } from "mdast";

type Positioned = { position?: { start: { offset?: number; column: number }; end: { offset?: number } } };

/**
 * The Markdown of one node exactly as the author wrote it, moved left so its first
 * column is column one: code, tables, quotes and link definitions survive verbatim.
 * `cut` lists source ranges to leave out (annotation comments).
 */
export function nodeSource(node: Positioned, source: string, cut: readonly [number, number][] = []): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return "";
  let text = "";
  let at = start;
  for (const [from, to] of [...cut].filter(([f, t]) => f >= start && t <= end).sort((a, b) => a[0] - b[0])) {
    text += source.slice(at, from);
    at = to;
  }
  text += source.slice(at, end);
  const indent = (node.position?.start.column ?? 1) - 1;
  return (
    text
      .split(/\r\n|\r|\n/)
      .map((line, i) => (i === 0 ? line : stripIndent(line, indent)).trimEnd())
      .join("\n")
      // An unclosed fence runs to the end of the file, blank lines and all.
      .replace(/\n+$/, "")
  );
}

/** Several nodes' Markdown, a blank line between them; undefined when there is none. */
export function nodesSource(nodes: readonly Nodes[], source: string): string | undefined {
  const parts = nodes.map((n) => nodeSource(n, source)).filter((p) => p.trim() !== "");
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line.charAt(n) === " ") n++;
  return line.slice(n);
}

/** Indents every non-empty line but the first by `indent`. */
export function indentRest(text: string, indent: string): string[] {
  return text.split("\n").map((line) => (line === "" ? "" : indent + line));
}
