import type { Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * Parses a template's Markdown to mdast, phase by phase.
 *
 * micromark and mdast-util-from-markdown take time that grows with the square of a
 * document's list items (syntax-tree/mdast-util-from-markdown#49, micromark's edit map): a
 * 3,000-item template took seconds. A top-level ATX heading ends every open block except a
 * fenced code block or an HTML block, so the text between two such headings parses the
 * same alone as within the whole; each part is parsed on its own and the trees joined, with
 * positions moved back to where they are in the whole. A document that defines link
 * references or footnotes (which reach across parts), or has an HTML block this cannot
 * follow, is parsed whole.
 */
export function parseMarkdown(source: string): Root {
  const parts = headingParts(source);
  if (!parts) return parseWhole(source);
  const children: RootContent[] = [];
  for (const part of parts) {
    const tree = parseWhole(source.slice(part.offset, part.end));
    visit(tree, (node) => {
      if (!node.position) return;
      node.position.start.line += part.line;
      node.position.end.line += part.line;
      if (node.position.start.offset !== undefined) node.position.start.offset += part.offset;
      if (node.position.end.offset !== undefined) node.position.end.offset += part.offset;
    });
    children.push(...tree.children);
  }
  const whole = parseWhole("");
  whole.children = children;
  whole.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: endPosition(source),
  };
  return whole;
}

function parseWhole(source: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(source);
}

type Part = { offset: number; end: number; line: number };

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/;
const COMMENT_OPEN = /^ {0,3}<!--/;
const RAW_OPEN = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;
const OTHER_HTML = /^ {0,3}<(?:\?|![A-Za-z]|!\[CDATA\[)/;

/** Where the parts start (offset and 0-based line), or null when the document must be parsed whole. */
function headingParts(source: string): Part[] | null {
  const lines = source.split("\n");
  const starts: { offset: number; line: number }[] = [{ offset: 0, line: 0 }];
  let offset = 0;
  let fence: { char: string; length: number } | null = null;
  let until: RegExp | null = null;
  // An indented opener may belong to a list item, which a heading would end with it; only a
  // column-0 one is surely at the top level. A heading inside an unsure block: parse whole.
  let unsure = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const here = offset;
    offset += line.length + 1;
    if ((fence || until) && unsure && ATX.test(line)) return null;
    if (fence) {
      const close = FENCE.exec(line);
      if (
        close &&
        close[1]![0] === fence.char &&
        close[1]!.length >= fence.length &&
        !line.slice(close[0].length).trim()
      )
        fence = null;
      continue;
    }
    if (until) {
      if (until.test(line)) until = null;
      continue;
    }
    if (DEFINITION.test(line) || OTHER_HTML.test(line)) return null;
    unsure = /^ /.test(line);
    const open = FENCE.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    if (COMMENT_OPEN.test(line)) {
      if (!line.includes("-->", line.indexOf("<!--") + 4)) until = /-->/;
      continue;
    }
    const raw = RAW_OPEN.exec(line);
    if (raw) {
      const closing = new RegExp(`</${raw[1]}>`, "i");
      if (!closing.test(line)) until = closing;
      continue;
    }
    if (i > 0 && ATX.test(line)) starts.push({ offset: here, line: i });
  }
  if (starts.length < 2) return null;
  return starts.map((s, k) => ({ ...s, end: starts[k + 1]?.offset ?? source.length }));
}

function endPosition(source: string) {
  const lines = source.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: source.length };
}
