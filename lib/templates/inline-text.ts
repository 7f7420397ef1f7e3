import type { Nodes, Paragraph } from "mdast";

/**
 * A spot where the author expects a value. `replace` is `` `_REPLACE_WITH_ hint` ``
 * (inline code so Markdown keeps it verbatim); `name` is a bare `_SOME_NAME_`,
 * which Markdown reads as emphasis.
 */
export type Placeholder = {
  /**
   * `replace`: `` `_REPLACE_WITH_ hint` ``; `bare`: _REPLACE_WITH_ HINT outside backticks;
   * `name`: `_SOME_NAME_`; `mustache`: `{{name}}`; `angle`: `<UPPER_SNAKE>`; `erb`: `<%= name %>`.
   */
  style: "replace" | "name" | "bare" | "mustache" | "angle" | "erb";
  hint: string;
  line: number;
};

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

  let bareLine: number | null = null;
  const pushScanned = (value: string, line: number) => {
    let rest = value;
    if (bareLine !== null) {
      // The hint of a bare _REPLACE_WITH_ is the words after it.
      const hint = bareHint(rest);
      if (hint) {
        out.push({ type: "placeholder", placeholder: { style: "bare", hint: hint.hint, line: bareLine } });
        rest = rest.slice(hint.length);
      } else {
        pushText("_REPLACE_WITH_");
      }
      bareLine = null;
    }
    for (const piece of scanPlaceholders(rest, line)) {
      if (piece.type === "text") pushText(piece.value);
      else out.push(piece);
    }
  };
  const flushBare = () => {
    if (bareLine !== null) pushText("_REPLACE_WITH_");
    bareLine = null;
  };

  const walk = (node: Nodes) => {
    if (node.type !== "text") flushBare();
    switch (node.type) {
      case "text":
        pushScanned(node.value, node.position?.start.line ?? 1);
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
          pushScanned(node.value, node.position?.start.line ?? 1);
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
          // Outside backticks the hint is the words that follow (read with the next text).
          bareLine = node.position?.start.line ?? 1;
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
      case "html": {
        const angle = angleHtmlName(node.value);
        if (angle) {
          out.push({
            type: "placeholder",
            placeholder: { style: "angle", hint: angle, line: node.position?.start.line ?? 1 },
          });
        }
        return;
      }
      case "footnoteReference":
        return;
      default:
        if ("children" in node) (node.children as Nodes[]).forEach(walk);
    }
  };
  nodes.forEach(walk);
  flushBare();
  return out;
}

/** HTML tag names an all-caps `<NAME>` could be; those are markup, not placeholders. */
const HTML_NAMES = new Set([
  "DIV",
  "SPAN",
  "IMG",
  "BR",
  "HR",
  "TABLE",
  "CODE",
  "PRE",
  "DETAILS",
  "SUMMARY",
  "SUP",
  "SUB",
  "KBD",
]);

/** `<REGION>` is read by Markdown as an HTML tag; an all-caps name that is no tag is a placeholder. */
export function angleHtmlName(html: string): string | null {
  const m = /^<([A-Z][A-Z0-9_]{2,})>$/.exec(html.trim());
  return m && !HTML_NAMES.has(m[1]!) ? m[1]! : null;
}

/** `{{name}}`, `<%= name %>`, `<UPPER_SNAKE>` in plain text or code. */
export const TEXT_PLACEHOLDER =
  /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|<%=\s*([A-Za-z_][\w.]*)\s*%>|<([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)>|(?<![\w`])_REPLACE_WITH_([A-Za-z0-9@#][\w.\-@#/]*)/g;

/** Splits text into text and placeholder pieces; `line` is the line the text starts on. */
export function scanPlaceholders(value: string, line: number): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of value.matchAll(TEXT_PLACEHOLDER)) {
    if (m.index > last) out.push({ type: "text", value: value.slice(last, m.index) });
    const at = line + (value.slice(0, m.index).match(/\n/g)?.length ?? 0);
    const style =
      m[1] !== undefined ? "mustache" : m[2] !== undefined ? "erb" : m[3] !== undefined ? "angle" : "bare";
    out.push({
      type: "placeholder",
      placeholder: { style, hint: (m[1] ?? m[2] ?? m[3] ?? m[4])!, line: at },
    });
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ type: "text", value: value.slice(last) });
  return out;
}

/**
 * The hint after a bare _REPLACE_WITH_: the first word, then any further all-caps words
 * ("RELEASE MANAGER"), without trailing punctuation. Null when nothing follows.
 */
export function bareHint(text: string): { hint: string; length: number } | null {
  const m = /^[ \t]*([^\s|`]+(?:[ \t]+[A-Z0-9@#][A-Z0-9_.\-/@#]*(?=[\s|,.;:)]|$))*)/.exec(text);
  if (!m) return null;
  const hint = m[1]!.replace(/[.,;:)]+$/, "");
  if (hint === "") return null;
  return { hint, length: m[0].indexOf(m[1]!) + hint.length };
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
