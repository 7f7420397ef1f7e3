import {
  ackGroupLine,
  ccLine,
  fieldLine,
  itemLine,
  noteLine,
  sectionLine,
  titleLine,
  type CanonicalLine,
} from "./canonical-lines";
import { walkItems, type SectionDef, type TemplateDefinition } from "./definition";

export type Change = "same" | "changed" | "added" | "removed";
export type DiffLine = { change: Change; before?: string; after?: string };
export type DiffGroup = { title: string; lines: DiffLine[] };
export type DefinitionDiff = {
  groups: DiffGroup[];
  counts: Record<Exclude<Change, "same">, number>;
};

/** Something compared across versions: its canonical line, and what names it in both. */
type Unit<T = unknown> = { value: T; line: CanonicalLine; identity?: string };
type Pair<T> = { before?: Unit<T>; after?: Unit<T> };

/** Two lines this alike (Dice coefficient of their words) are one thing that changed. */
const SAME_THING = 0.5;

/**
 * Compares two definitions thing by thing (title, fields, acknowledgement groups,
 * notes, sections and their items) over their canonical lines. A thing is matched
 * across versions by identical content first, so an inserted item does not make every
 * later one look changed; then by what names it (a field's key, a section's key);
 * then by having mostly the same words. What is left was added or removed.
 */
export function diffDefinitions(before: TemplateDefinition, after: TemplateDefinition): DefinitionDiff {
  const groups: DiffGroup[] = [
    {
      title: "Title",
      lines: diffUnits(
        [{ value: 0, line: titleLine(before), identity: "title" }],
        [{ value: 0, line: titleLine(after), identity: "title" }],
      ),
    },
    {
      title: "Fields",
      lines: diffUnits(
        before.fields.map((f) => ({ value: f, line: fieldLine(f), identity: f.key })),
        after.fields.map((f) => ({ value: f, line: fieldLine(f), identity: f.key })),
      ),
    },
    {
      title: "Acknowledgements",
      lines: diffUnits(
        [
          ...before.ackGroups.map((g) => ({ value: g, line: ackGroupLine(g), identity: g.key })),
          ...(before.cc.length > 0 ? [{ value: before.cc, line: ccLine(before), identity: "/cc" }] : []),
        ],
        [
          ...after.ackGroups.map((g) => ({ value: g, line: ackGroupLine(g), identity: g.key })),
          ...(after.cc.length > 0 ? [{ value: after.cc, line: ccLine(after), identity: "/cc" }] : []),
        ],
      ),
    },
    {
      title: "Notes",
      lines: diffUnits(
        before.notes.map((n) => ({ value: n, line: noteLine(n) })),
        after.notes.map((n) => ({ value: n, line: noteLine(n) })),
      ),
    },
    ...diffSections(before.sections, after.sections),
  ].filter((g) => g.lines.length > 0);

  const counts = { changed: 0, added: 0, removed: 0 };
  for (const g of groups) for (const l of g.lines) if (l.change !== "same") counts[l.change]++;
  return { groups, counts };
}

function diffSections(before: readonly SectionDef[], after: readonly SectionDef[]): DiffGroup[] {
  const unit = (s: SectionDef): Unit<SectionDef> => ({ value: s, line: sectionLine(s), identity: s.key });
  return pairUp(before.map(unit), after.map(unit)).map((pair) => {
    const items = (s: SectionDef | undefined): Unit[] =>
      s ? [...walkItems({ sections: [s] })].map(({ item }) => ({ value: item, line: itemLine(item) })) : [];
    return {
      title: (pair.after ?? pair.before)!.value.title,
      lines: [
        ...toLines([pair]).filter((l) => l.change !== "same"),
        ...diffUnits(items(pair.before?.value), items(pair.after?.value)),
      ],
    };
  });
}

function diffUnits(before: Unit[], after: Unit[]): DiffLine[] {
  return toLines(pairUp(before, after));
}

function toLines<T>(pairs: readonly Pair<T>[]): DiffLine[] {
  return pairs.map(({ before, after }) => {
    if (!before) return { change: "added", after: after!.line.text };
    if (!after) return { change: "removed", before: before.line.text };
    const change = before.line.content === after.line.content ? "same" : "changed";
    return { change, before: before.line.text, after: after.line.text };
  });
}

/**
 * Matches the things of two versions, in the newer version's order; a removed thing
 * follows what came before it in the older version.
 */
function pairUp<T>(before: readonly Unit<T>[], after: readonly Unit<T>[]): Pair<T>[] {
  const match = new Map<number, number>(); // after index → before index
  const taken = new Set<number>();
  const link = (a: number, b: number) => {
    match.set(a, b);
    taken.add(b);
  };

  after.forEach((u, a) => {
    const b = before.findIndex((v, i) => !taken.has(i) && v.line.content === u.line.content);
    if (b !== -1) link(a, b);
  });
  after.forEach((u, a) => {
    if (match.has(a) || u.identity === undefined) return;
    const b = before.findIndex((v, i) => !taken.has(i) && v.identity === u.identity);
    if (b !== -1) link(a, b);
  });
  const candidates: { a: number; b: number; score: number }[] = [];
  after.forEach((u, a) => {
    if (match.has(a)) return;
    before.forEach((v, b) => {
      if (taken.has(b)) return;
      const score = likeness(u.line.content, v.line.content);
      if (score >= SAME_THING) candidates.push({ a, b, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const c of candidates) if (!match.has(c.a) && !taken.has(c.b)) link(c.a, c.b);

  // Order: the newer version's positions; a removed thing just after its older neighbour.
  const positionOf = new Map<number, number>([...match].map(([a, b]) => [b, a]));
  const placed: { at: number; pair: Pair<T> }[] = after.map((u, a) => {
    const b = match.get(a);
    return { at: a, pair: b === undefined ? { after: u } : { before: before[b], after: u } };
  });
  let anchor = -1;
  before.forEach((v, b) => {
    const a = positionOf.get(b);
    if (a !== undefined) anchor = a;
    else placed.push({ at: anchor + 0.5 + b / (before.length + 1) / 2, pair: { before: v } });
  });
  return placed.sort((x, y) => x.at - y.at).map((p) => p.pair);
}

function likeness(x: string, y: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const a = words(x);
  const b = words(y);
  if (a.size + b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}
