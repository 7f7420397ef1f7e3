import { extractAnnotations } from "./annotation";
import { decodeTemplateInput } from "./decode-input";
import { parseMarkdown } from "./parse-markdown";
import type { TemplateDefinition } from "./definition";
import { TemplateImportError, type ImportIssue } from "./import-error";
import { firstHeavyParagraph, firstOverNestedLine, MAX_CONTAINER_DEPTH } from "./parser-guards";
import { TemplateReader } from "./reader/template-reader";
import type { TemplateAnalysis } from "./reader/analysis";

export { MAX_NESTING_DEPTH, MAX_ITEMS, UNTITLED } from "./reader/analysis";
export type { ImportWarning, KindSuggestion, TemplateAnalysis } from "./reader/analysis";

/**
 * Imports a Markdown checklist template into a TemplateDefinition. Tasks are GFM task
 * items under headings; everything else the template says is kept where it stands: an
 * item's nested Markdown is its body, a section's paragraphs its intro and outro, the
 * rest of the preamble as written. Kinds that act on the world come from annotations.
 *
 * @throws TemplateImportError listing every problem found.
 */
export function parseTemplate(input: string | Uint8Array): TemplateDefinition {
  return analyseTemplate(input).definition;
}

/** The definition with what the preview shows next to it: warnings and suggested kinds. */
export function analyseTemplate(input: string | Uint8Array): TemplateAnalysis {
  const decoded = decodeTemplateInput(input);
  if (decoded.fatal) throw new TemplateImportError(decoded.issues);
  // Order and approval annotations (annotation.ts) come off the lines first, line numbers
  // kept; kind and type annotations (annotations.ts) stay for the reader below.
  const annotated = extractAnnotations(decoded.text);
  const issues: ImportIssue[] = [...decoded.issues, ...annotated.issues];
  const source = annotated.text;

  const overNested = firstOverNestedLine(source);
  if (overNested !== null) {
    issues.push({
      line: overNested,
      message: `lists or quotes are nested more than ${MAX_CONTAINER_DEPTH} deep`,
    });
  }
  const heavy = firstHeavyParagraph(source);
  if (heavy !== null) issues.push(heavy);
  // Parsing is what these two limits protect, so stop before it.
  if (overNested !== null || heavy !== null) throw new TemplateImportError(issues);

  const tree = parseMarkdown(source);
  return new TemplateReader(tree, source, issues, annotated.found).read();
}
