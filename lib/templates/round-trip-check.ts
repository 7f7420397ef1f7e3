import type { TemplateDefinition } from "./definition";

/**
 * Helpers for proving a round trip: what "the same content" means when list markers,
 * indentation and annotations may be written differently.
 */

/** Line numbers say where the source had something; they are all a re-export may change. */
export function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "line")
        .map(([key, v]) => [key, withoutLines(v)]),
    );
  }
  return value;
}

const ANNOTATION = /<!--\s*runsheet:[\s\S]*?-->/g;
const LIST_MARKER = /^(?:(?:\d{1,9}[.)]|[-*+])[ \t]+)+/;
const TASK_BOX = /^\[[ xX]\][ \t]+/;

/** A line of content as the comparison sees it: no indentation, list markers, boxes or annotations. */
export function contentLine(line: string): string {
  let text = line.replace(ANNOTATION, "").trim();
  for (let before = ""; before !== text;) {
    before = text;
    text = text.replace(LIST_MARKER, "").replace(TASK_BOX, "").trim();
  }
  return text.replace(/\s+/g, " ");
}

/** The source's lines of content that the export does not have. */
export function missingLines(source: string, exported: string): string[] {
  const have = new Set(exported.split(/\r?\n/).map(contentLine));
  return source
    .split(/\r?\n/)
    .map(contentLine)
    .filter((line) => line !== "" && !have.has(line));
}

export type { TemplateDefinition };
