import type { Nodes, Paragraph } from "mdast";

/**
 * A spot where the author expects a value. `replace` is `` `_REPLACE_WITH_ hint` ``
 * (inline code so Markdown keeps it verbatim); `name` is a bare `_SOME_NAME_`,
 * which Markdown reads as emphasis.
 */
export type Placeholder = { style: "replace" | "name"; hint: string; line: number };

export type Segment = { type: "text"; value: string } | { type: "placeholder"; placeholder: Placeholder };

const REPLACE_PREFIX = /^_REPLACE_WITH_/;
export const PLACEHOLDER_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/**
 * Flattens inline Markdown to text while keeping placeholders as separate
 * segments, so callers decide what each one turns into (a token, a hint, a field).
 * Line breaks inside a paragraph are kept: some rules look at whole lines.
 */
export function inlineSegments(nodes: readonly Nodes[], source: string): Segment[] {
  const out: Segment[] = [];
  const pushText = (value: string) => {
    const last = out[out.length - 1];
    if (last?.type === "text") last.value += value;
    else out.push({ type: "text", value });
  };

  const walk = (node: Nodes) => {
    switch (node.type) {
      case "text":
        pushText(node.value);
        return;
      case "inlineCode": {
        if (REPLACE_PREFIX.test(node.value)) {
          out.push({
            type: "placeholder",
            placeholder: {
              style: "replace",
              hint: node.value.replace(REPLACE_PREFIX, "").trim(),
              line: node.position?.start.line ?? 1,
            },
          });
        } else {
          pushText(node.value);
        }
        return;
      }
      case "emphasis": {
        const name = placeholderName(node, source);
        if (name !== null) {
          out.push({
            type: "placeholder",
            placeholder: { style: "name", hint: name, line: node.position?.start.line ?? 1 },
          });
        } else if (isBareReplaceMarker(node)) {
          // Outside backticks the hint is not delimited; keep the marker visible for the author.
          pushText("_REPLACE_WITH_");
        } else {
          node.children.forEach(walk);
        }
        return;
      }
      case "break":
        pushText("\n");
        return;
      case "image":
      case "imageReference":
        pushText(node.alt ?? "");
        return;
      case "html":
      case "footnoteReference":
        return;
      default:
        if ("children" in node) (node.children as Nodes[]).forEach(walk);
    }
  };
  nodes.forEach(walk);
  return out;
}

/**
 * `_MAINTENANCE_WINDOW_DATE_TIME_` is a placeholder; `_failed_or_was a no-go_` and
 * `*NOTE*` are ordinary emphasis. Only underscore emphasis around a single
 * upper-case snake name counts.
 */
function placeholderName(node: Extract<Nodes, { type: "emphasis" }>, source: string): string | null {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type !== "text" || !PLACEHOLDER_NAME.test(only.value)) return null;
  if (only.value === "REPLACE_WITH") return null;
  const start = node.position?.start.offset;
  if (start !== undefined && source.charAt(start) !== "_") return null;
  return only.value;
}

function isBareReplaceMarker(node: Extract<Nodes, { type: "emphasis" }>): boolean {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === "text" && only.value === "REPLACE_WITH";
}

/** Segments of several paragraphs, one line break between them. */
export function paragraphSegments(paragraphs: readonly Paragraph[], source: string): Segment[] {
  const out: Segment[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) out.push({ type: "text", value: "\n" });
    out.push(...inlineSegments(p.children, source));
  });
  return out;
}

/** Renders segments with a chosen text for each placeholder. */
export function segmentsToString(
  segments: readonly Segment[],
  placeholder: (p: Placeholder) => string,
): string {
  return segments.map((s) => (s.type === "text" ? s.value : placeholder(s.placeholder))).join("");
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
