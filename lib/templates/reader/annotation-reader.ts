import type { Heading, Html, Nodes, Paragraph, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { type Annotation as GuardAnnotation } from "../annotation";
import { isAnnotationHtml, parseTypes, readAnnotation, type Annotation } from "../annotations";
import { type Explicit } from "../classify-item";
import { type FieldDef } from "../definition";
import { FieldRegistry } from "../field-registry";
import { type ImportIssue } from "../import-error";
import { inlineSegments, scanPlaceholders, type Placeholder } from "../inline-text";

import type { ImportWarning, KindSuggestion } from "./analysis";
import { TITLE_LINE, lineOf } from "./template-nodes";

/** The reader's state, and the annotations and field placeholders any part of a template may carry. */
export abstract class AnnotationReader {
  protected readonly registry = new FieldRegistry();
  protected readonly warnings: ImportWarning[] = [];
  protected readonly suggestions: KindSuggestion[] = [];
  /** Annotation comments not yet claimed by a line that may carry them. */
  protected readonly annotations = new Set<Html>();
  protected readonly typeAnnotations: { key: string; type: FieldDef["type"]; line: number }[] = [];
  /** Top-level nodes read as something else (title, overview, acknowledgements, quick actions). */
  protected readonly consumed = new Set<Nodes>();

  constructor(
    protected readonly tree: Root,
    protected readonly source: string,
    protected readonly issues: ImportIssue[],
    protected readonly ordering: ReadonlyMap<number, GuardAnnotation> = new Map(),
  ) {}

  /** The kind an item's own annotation gives it, checked; `types=` on it is remembered. */
  protected itemAnnotation(paragraph: Paragraph | null): { explicit: Explicit } {
    if (!paragraph) return { explicit: {} };
    const annotation = this.claimAnnotations(paragraph, "item");
    const a = annotation?.attributes ?? {};
    return {
      explicit: {
        ...(a.kind ? { kind: a.kind as Explicit["kind"] } : {}),
        ...(a.automation ? { automation: a.automation as Explicit["automation"] } : {}),
      },
    };
  }

  /** Reads and claims the annotation comments directly inside `node` (a paragraph or heading). */
  protected claimAnnotations(node: Paragraph | Heading, place: "item" | "heading"): Annotation | null {
    const own = node.children.filter((c): c is Html => c.type === "html" && this.annotations.has(c));
    if (own.length === 0) return null;
    const line = own[0]!.position?.start.line ?? lineOf(node);
    for (const h of own) {
      // Only at the end of its line: cut from the middle, the words around it would run together.
      const end = h.position?.end.offset ?? 0;
      const rest = this.source.slice(
        end,
        this.source.indexOf("\n", end) === -1 ? undefined : this.source.indexOf("\n", end),
      );
      if (rest.trim() !== "" && !/^\s*<!--\s*runsheet:/.test(rest)) {
        this.issues.push({
          line: h.position?.start.line ?? line,
          message: "an annotation goes at the end of its line; text follows it here",
        });
      }
    }
    const { annotation, errors } = readAnnotation(own.map((h) => h.value).join(" "), line, place);
    own.forEach((h) => this.annotations.delete(h));
    this.issues.push(...errors);
    this.rememberTypes(annotation);
    return annotation;
  }

  protected annotationRanges(node: Paragraph): [number, number][] {
    return node.children
      .filter((c): c is Html => c.type === "html" && isAnnotationHtml(c.value))
      .map((h) => [h.position?.start.offset ?? 0, h.position?.end.offset ?? 0]);
  }

  /** Annotations on lines of their own (or any other line) may only set field types. */
  protected readStandaloneAnnotations(): void {
    for (const node of this.annotations) {
      const line = node.position?.start.line ?? 1;
      const { annotation, errors } = readAnnotation(node.value, line, "line");
      this.issues.push(...errors);
      this.rememberTypes(annotation);
    }
    this.annotations.clear();
  }

  protected rememberTypes(annotation: Annotation): void {
    const types = annotation.attributes.types;
    if (!types) return;
    const parsed = parseTypes(types);
    if (typeof parsed === "string") return;
    for (const t of parsed) this.typeAnnotations.push({ ...t, line: annotation.line });
  }

  protected applyTypes(): void {
    for (const { key, type, line } of this.typeAnnotations) {
      const field = this.registry.fields.find((f) => f.key === key);
      if (!field) {
        this.issues.push({ line, message: `types=: the template has no field "${key}"` });
        continue;
      }
      field.type = type;
      field.typeSet = true;
      if (type !== "result" && type !== "decision") delete field.options;
    }
  }

  /** Placeholders in paragraphs, tables, headings and code outside the items become fields too. */
  protected fieldsInContent(nodes: readonly Nodes[]): void {
    const seen = (p: Placeholder, lineBefore: string) => {
      if (p.hint === "") return;
      this.registry.resolveInItem(p, { lineBefore, itemText: "" });
    };
    for (const node of nodes) {
      visit(node, (n: Nodes) => {
        if (n.type === "paragraph" || n.type === "heading" || n.type === "tableCell") {
          let line = "";
          for (const s of inlineSegments(n.children, this.source)) {
            if (s.type === "text") line = s.value.slice(s.value.lastIndexOf("\n") + 1);
            else seen(s.placeholder, line);
          }
          return "skip";
        }
        if (n.type === "code") {
          let line = "";
          for (const s of scanPlaceholders(n.value, (n.position?.start.line ?? 1) + 1)) {
            if (s.type === "text") line = s.value.slice(s.value.lastIndexOf("\n") + 1);
            else seen(s.placeholder, line);
          }
        }
        return undefined;
      });
    }
  }

  /** HTML and directives are kept as written, but GitLab and Runsheet show them differently. */
  protected warnAboutContent(): void {
    visit(this.tree, (n: Nodes, _i, parent) => {
      const line = n.position?.start.line ?? 1;
      if (n.type === "html" && !isAnnotationHtml(n.value) && !/^<!--[\s\S]*-->$/.test(n.value.trim())) {
        if (parent?.type === "paragraph" || parent?.type === "heading") {
          if (/^<[A-Z][A-Z0-9_]{2,}>$/.test(n.value.trim())) return;
          this.warnings.push({
            line,
            message: `inline HTML ${JSON.stringify(n.value.slice(0, 40))} is kept as text, not rendered`,
          });
        } else {
          this.warnings.push({
            line,
            message: "an HTML block is kept as written but shown as text, not rendered",
          });
        }
      }
      if (n.type === "paragraph" && /^\s*\[\[_TOC_\]\]\s*$|^\s*\[TOC\]\s*$/.test(toString(n))) {
        this.warnings.push({
          line,
          message: "the table-of-contents directive is kept as text; it is not supported",
        });
      }
      if (n.type === "footnoteDefinition") {
        this.warnings.push({
          line,
          message: "a footnote is kept as written; it is shown as a plain paragraph",
        });
      }
      return undefined;
    });
    const title = this.tree.children.find(
      (n) =>
        n.type === "paragraph" &&
        !this.consumed.has(n) &&
        TITLE_LINE.test(
          toString(n)
            .split("\n")
            .find((l) => TITLE_LINE.test(l)) ?? "",
        ),
    );
    if (title)
      this.warnings.push({
        line: lineOf(title),
        message: "the title line shares its paragraph with other text; that text is kept in place",
      });
  }
}
