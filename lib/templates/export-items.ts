import { channelOf, classifyItem } from "./classify-item";
import type { FieldDef, ItemDef, TemplateDefinition } from "./definition";
import { FieldRegistry } from "./field-registry";
import { PLACEHOLDER_NAME, type Placeholder } from "./inline-text";
import { codeSpan, escapeInline, escapeLineStart } from "./markdown-escape";
import { annotationOf, formatAnnotation } from "./annotation";

/** A line with the item's or section's runsheet annotation at its end, when it has one. */
export function withAnnotation(line: string, of: Parameters<typeof annotationOf>[0]): string {
  const comment = formatAnnotation(annotationOf(of));
  return comment ? `${line} ${comment}` : line;
}

/** One piece of an item as it is written: text, a field's placeholder, or a line break. */
type FieldPiece = { type: "field"; field: FieldDef; style: Placeholder["style"] };
type Piece = { type: "text"; value: string } | FieldPiece | { type: "break" };

/** A way of writing an item, with the index of the placeholder being decided. */
type Candidate = { pieces: Piece[]; at: number };

const TOKEN = /\{\{([a-z][A-Za-z0-9]*)\}\}/g;

/** Characters next to which `_NAME_` would not be read as emphasis, or would merge with it. */
const STICKY = /[\p{L}\p{N}_\\*`~]/u;

/**
 * Writes the items of a definition back as nested task lists. A field's key and label
 * are not written anywhere: the importer derives them from where its first placeholder
 * stands (`_NAME_` or `` `_REPLACE_WITH_ hint` ``, the words before it on its line, the
 * template the item names). So items are written in document order against a copy of
 * the importer's own field registry, and for each field the first way of writing its
 * placeholder that the registry reads back as that very field is kept.
 */
export class ItemWriter {
  private readonly registry = new FieldRegistry();
  private readonly byKey: ReadonlyMap<string, FieldDef>;
  /** How each item field's first placeholder was written; later ones follow it. */
  private readonly styles = new Map<FieldDef, FieldPiece["style"]>();

  constructor(private readonly def: TemplateDefinition) {
    this.byKey = new Map(def.fields.map((f) => [f.key, f]));
    // The importer reads every overview field before the first item.
    this.registry.fields.push(...def.fields.filter((f) => f.source === "overview"));
  }

  /** The lines of one section's items, in the seed's `1. * [ ] …` form. */
  sectionLines(items: readonly ItemDef[]): string[] {
    return items.flatMap((item, n) => this.itemLines(item, "", n + 1));
  }

  private itemLines(item: ItemDef, indent: string, number: number): string[] {
    const pieces = this.decidePlaceholders(this.piecesOf(item));
    const lines = splitLines(pieces).map(writeLine);
    const marker = `${number}. `;
    const textIndent = indent + " ".repeat(marker.length + 2);
    const childIndent = indent + " ".repeat(marker.length);
    return [
      withAnnotation(`${indent}${marker}* [ ] ${lines[0] ?? ""}`.trimEnd(), item),
      ...lines.slice(1).map((line) => `${textIndent}${escapeLineStart(line)}`),
      ...item.children.flatMap((child, n) => this.itemLines(child, childIndent, n + 1)),
    ];
  }

  private piecesOf(item: ItemDef): Piece[] {
    const pieces = this.tokenPieces(item.text);
    if (item.message !== undefined && !this.messageInText(item)) {
      // The importer takes a quoted last line as the announcement and leaves it out of the text.
      pieces.push({ type: "break" }, { type: "text", value: '"' });
      pieces.push(...this.tokenPieces(item.message), { type: "text", value: '"' });
    }
    return pieces;
  }

  /** Whether the item's text alone already yields its announcement (`post message "…"`). */
  private messageInText(item: ItemDef): boolean {
    const used = [...item.text.matchAll(TOKEN)].flatMap((m) => this.byKey.get(m[1] ?? "") ?? []);
    const read = classifyItem({
      text: item.text,
      lines: [item.text],
      childChannels: item.children.map((c) => channelOf(c.text)),
      usedFields: used,
      fields: this.def.fields,
    });
    return read.message === item.message && read.text === item.text;
  }

  private tokenPieces(text: string): Piece[] {
    const pieces: Piece[] = [];
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      const field = this.byKey.get(m[1] ?? "");
      if (!field) continue;
      if (m.index > last) pieces.push({ type: "text", value: text.slice(last, m.index) });
      pieces.push({ type: "field", field, style: "replace" });
      last = m.index + m[0].length;
    }
    if (last < text.length) pieces.push({ type: "text", value: text.slice(last) });
    return pieces;
  }

  /** Chooses each placeholder's form (and any line break it needs) in reading order. */
  private decidePlaceholders(initial: Piece[]): Piece[] {
    let pieces = initial;
    for (let at = 0; at < pieces.length; at++) {
      const piece = pieces[at]!;
      if (piece.type !== "field") continue;
      const field = piece.field;

      if (this.registry.fields.includes(field)) {
        if (this.lookup(field) === field) {
          const first = this.styles.get(field) ?? "replace";
          piece.style = first === "name" && canUseName(pieces, at) ? "name" : "replace";
        } else {
          // A second issue reference would become a field of its own: keep the token as text.
          pieces[at] = { type: "text", value: `{{${field.key}}}` };
        }
        continue;
      }

      const candidates = this.candidates(pieces, at);
      const chosen = candidates.find((c) => this.readsBackAs(c, field)) ?? candidates[0]!;
      pieces = chosen.pieces;
      at = chosen.at;
      this.registry.fields.push(field);
      this.styles.set(field, (pieces[at] as FieldPiece).style);
    }
    return pieces;
  }

  private lookup(field: FieldDef): FieldDef | undefined {
    return this.registry.lookup({ style: "replace", hint: field.hint, line: field.line });
  }

  /**
   * Ways to write a new field's first placeholder, most natural first: as written,
   * then on a line that starts with its label, then on a line of its own.
   */
  private candidates(pieces: Piece[], at: number): Candidate[] {
    const out: Candidate[] = [];
    const add = (c: Candidate | null) => {
      if (!c) return;
      if (canUseName(c.pieces, c.at)) out.push(withStyle(c, "name"));
      out.push(withStyle(c, "replace"));
    };
    add({ pieces, at });
    add(breakBeforeLabel(pieces, at));
    add(breakBeforePiece(pieces, at));
    return out;
  }

  /** Asks the importer's registry what field this placeholder would create here. */
  private readsBackAs(candidate: Candidate, field: FieldDef): boolean {
    const piece = candidate.pieces[candidate.at] as FieldPiece;
    const scratch = new FieldRegistry();
    scratch.fields.push(...this.registry.fields);
    const created = scratch.resolveInItem(
      { style: piece.style, hint: field.hint, line: field.line },
      contextAt(candidate.pieces, candidate.at),
    );
    return sameField(created, field);
  }
}

function sameField(a: FieldDef, b: FieldDef): boolean {
  return (
    a.key === b.key &&
    a.label === b.label &&
    a.type === b.type &&
    a.hint === b.hint &&
    a.source === b.source &&
    a.required === b.required &&
    JSON.stringify(a.options ?? null) === JSON.stringify(b.options ?? null)
  );
}

/** What the importer's registry sees at a placeholder: the line so far and the item's words. */
function contextAt(pieces: readonly Piece[], at: number): { lineBefore: string; itemText: string } {
  const rendered = pieces
    .slice(0, at)
    .map((p) => (p.type === "text" ? p.value : p.type === "field" ? `{{${p.field.key}}}` : "\n"))
    .join("");
  const itemText = pieces.map((p) => (p.type === "text" ? p.value : p.type === "break" ? "\n" : "")).join("");
  return { lineBefore: rendered.slice(rendered.lastIndexOf("\n") + 1), itemText };
}

function withStyle(c: Candidate, style: FieldPiece["style"]): Candidate {
  const pieces = c.pieces.map((p) => ({ ...p }));
  (pieces[c.at] as FieldPiece).style = style;
  return { pieces, at: c.at };
}

/** `_NAME_` is only read as a placeholder for an upper-case name standing apart from words. */
function canUseName(pieces: readonly Piece[], at: number): boolean {
  const piece = pieces[at] as FieldPiece;
  const hint = piece.field.hint;
  if (!PLACEHOLDER_NAME.test(hint) || hint === "REPLACE_WITH") return false;
  const before = pieces[at - 1];
  const after = pieces[at + 1];
  const free = (p: Piece | undefined, side: "end" | "start") => {
    if (!p || p.type === "break") return true;
    if (p.type === "field") return false;
    const chars = Array.from(p.value);
    return !STICKY.test((side === "end" ? chars[chars.length - 1] : chars[0]) ?? "");
  };
  return free(before, "end") && free(after, "start");
}

/** Starts a new line where the field's label begins ("… request):⏎Post mortem issue: `…`"). */
function breakBeforeLabel(pieces: readonly Piece[], at: number): Candidate | null {
  const field = (pieces[at] as FieldPiece).field;
  const prev = pieces[at - 1];
  if (prev?.type !== "text") return null;
  const stripped = prev.value.replace(/[\s:#]+$/, "");
  if (field.label === "" || !stripped.endsWith(field.label)) return null;
  const start = stripped.length - field.label.length;
  const left = prev.value.slice(0, start);
  if (left !== "" && !/\s$/.test(left)) return null;
  const beforePrev = pieces[at - 2];
  if (left.trim() === "" && (!beforePrev || beforePrev.type === "break")) return null;
  const replaced: Piece[] = [
    ...(left.trim() === "" ? [] : [{ type: "text" as const, value: left.trimEnd() }]),
    { type: "break" },
    { type: "text", value: prev.value.slice(start) },
  ];
  return {
    pieces: [...pieces.slice(0, at - 1), ...replaced, ...pieces.slice(at)],
    at: at - 1 + replaced.length,
  };
}

/** Puts the placeholder at the start of a line, so nothing before it reads as its label. */
function breakBeforePiece(pieces: readonly Piece[], at: number): Candidate | null {
  const prev = pieces[at - 1];
  if (!prev || prev.type === "break") return null;
  const head = pieces.slice(0, at);
  if (prev.type === "text") {
    const trimmed = prev.value.trimEnd();
    head[at - 1] = { type: "text", value: trimmed };
    if (trimmed === "") head.pop();
  }
  return { pieces: [...head, { type: "break" }, ...pieces.slice(at)], at: head.length + 1 };
}

function splitLines(pieces: readonly Piece[]): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const p of pieces) {
    if (p.type === "break") lines.push([]);
    else lines[lines.length - 1]!.push(p);
  }
  return lines;
}

function writeLine(pieces: readonly Piece[]): string {
  return pieces
    .map((p) => {
      if (p.type === "text") return escapeInline(p.value);
      if (p.type === "field") {
        return p.style === "name" ? `_${p.field.hint}_` : codeSpan(`_REPLACE_WITH_ ${p.field.hint}`);
      }
      return "";
    })
    .join("")
    .trim();
}
