/**
 * Limits checked on the raw text before Markdown parsing. The parser's time grows
 * faster than linearly with container depth, with the emphasis delimiters in a
 * paragraph and with nested link brackets, so a small hostile file could
 * otherwise hold a request for minutes. Real templates stay far below them.
 */

/**
 * A container on a line sits inside at most one container per two columns of
 * indentation plus the markers on the line itself, so bounding that sum bounds
 * the depth of "- - - …", "> > > …" and ever-deeper indented lists alike.
 */
export const MAX_CONTAINER_DEPTH = 100;

/** Emphasis is resolved per paragraph in time quadratic in its delimiters. */
export const MAX_EMPHASIS_MARKERS_PER_PARAGRAPH = 2000;

/** Each `]` looks back through every open `[`, so nesting depth is what costs. */
export const MAX_BRACKET_DEPTH = 32;

const CONTAINER_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)/;

/** The first line that could open containers deeper than MAX_CONTAINER_DEPTH, or null. */
export function firstOverNestedLine(text: string): number | null {
  let line = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    line++;
    const indent = /^[ \t]*/.exec(raw)?.[0] ?? "";
    let depth = Math.floor(columns(indent) / 2);
    let rest = raw;
    for (let m = CONTAINER_MARKER.exec(rest); m; m = CONTAINER_MARKER.exec(rest)) {
      if (++depth > MAX_CONTAINER_DEPTH) return line;
      rest = rest.slice(m[0].length);
    }
  }
  return null;
}

export type GuardIssue = { line: number; message: string };

/**
 * The first paragraph with too many emphasis markers or too deeply nested
 * brackets. Paragraphs are approximated from the raw text: a blank line, a list
 * item or a heading ends one. Counting code as text only errs on the strict side.
 */
export function firstHeavyParagraph(text: string): GuardIssue | null {
  let start = 0;
  let markers = 0;
  let brackets = 0;
  let line = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    line++;
    const prefix = LINE_PREFIX.exec(raw)?.[0] ?? "";
    const rest = raw.slice(prefix.length);
    const blank = rest.trim() === "";
    if (blank || start === 0 || LIST_MARKER.test(prefix) || rest.startsWith("#")) {
      start = blank ? 0 : line;
      markers = 0;
      brackets = 0;
    }
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 0x5c) {
        // An escaped character is literal text and costs the parser nothing.
        i++;
        continue;
      }
      if (c === 0x2a || c === 0x5f || c === 0x7e) markers++;
      else if (c === 0x5b) brackets++;
      else if (c === 0x5d) brackets = Math.max(0, brackets - 1);
      if (markers > MAX_EMPHASIS_MARKERS_PER_PARAGRAPH) {
        return {
          line: start,
          message: `a paragraph has more than ${MAX_EMPHASIS_MARKERS_PER_PARAGRAPH} emphasis markers (*, _ or ~)`,
        };
      }
      if (brackets > MAX_BRACKET_DEPTH) {
        return { line, message: `brackets are nested more than ${MAX_BRACKET_DEPTH} deep` };
      }
    }
    if (rest.startsWith("#")) start = 0;
  }
  return null;
}

/** Indentation, quote markers and list markers: the part of a line that is not inline content. */
const LINE_PREFIX = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)[ \t]*)*/;
const LIST_MARKER = /(?:^|[ \t>])(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;

function columns(indent: string): number {
  let col = 0;
  for (const ch of indent) col = ch === "\t" ? col + 4 - (col % 4) : col + 1;
  return col;
}
