/**
 * Escaping for text written back into a template. Definitions hold text as the
 * importer read it, after Markdown was resolved, so any character that Markdown would
 * read as syntax must be escaped for the text to be read back unchanged.
 */

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Backslashes, code, emphasis, links, HTML and strikethrough open wherever they stand.
 * An underscore between two letters or digits can neither open nor close emphasis, so
 * snake_case words stay readable; elsewhere it is escaped. `&` only matters before
 * something that reads as a character reference.
 */
const INLINE_SYNTAX = /[\\`*[\]<~]|_|&(?=#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/giu;

export function escapeInline(text: string): string {
  return text.replace(INLINE_SYNTAX, (c: string, offset: number) => {
    if (c !== "_") return `\\${c}`;
    const before = text.slice(Math.max(0, offset - 2), offset);
    const after = text.slice(offset + 1, offset + 3);
    const inWord =
      WORD_CHAR.test(Array.from(before).pop() ?? "") && WORD_CHAR.test(Array.from(after)[0] ?? "");
    return inWord ? c : "\\_";
  });
}

/**
 * A line that continues a paragraph must not start a block instead: a heading, a
 * quote, a list item, a thematic break or a setext underline.
 */
export function escapeLineStart(line: string): string {
  if (/^[#>+=|-]/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1]!.length)}`;
  return line;
}

/** Heading text; a trailing `#` would otherwise be taken for a closing sequence. */
export function escapeHeading(text: string): string {
  return escapeInline(text).replace(/#$/, "\\#");
}

/** Inline code holding `content` verbatim, whatever backticks it contains. */
export function codeSpan(content: string): string {
  const longestRun = Math.max(0, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}
