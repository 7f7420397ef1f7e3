import { AUTOMATION_TYPES, FIELD_TYPES, ITEM_KINDS } from "./definition";

/**
 * Template annotations: an HTML comment at the end of an item's line or a heading, or on a
 * line of its own, `<!-- runsheet: kind=automation automation=backup -->`. GitLab renders
 * nothing for it, so a template stays readable as an issue while saying what a step is.
 *
 * This file holds the attributes about what an item IS (its kind) and what a field holds
 * (its type). Ordering and approval attributes live elsewhere; on merge, both tables are
 * one list, and any attribute in neither is refused with its line.
 */
export type AnnotationPlace = "item" | "heading" | "line";

type AttributeSpec = {
  /** Where the attribute may be written. */
  places: readonly AnnotationPlace[];
  /** Null when the value is acceptable, else why not. */
  check: (value: string) => string | null;
  note: string;
};

const oneOf =
  (values: readonly string[]) =>
  (value: string): string | null =>
    values.includes(value) ? null : `must be one of ${values.join(", ")}`;

/** `types=region:text,owner:handles` */
export function parseTypes(value: string): { key: string; type: (typeof FIELD_TYPES)[number] }[] | string {
  const out: { key: string; type: (typeof FIELD_TYPES)[number] }[] = [];
  for (const pair of value.split(",")) {
    const m = /^([a-z][A-Za-z0-9]*):([a-z_]+)$/.exec(pair.trim());
    if (!m) return `"${pair}" is not field:type`;
    const type = m[2] as (typeof FIELD_TYPES)[number];
    if (!FIELD_TYPES.includes(type)) return `"${m[2]}" is not a field type (${FIELD_TYPES.join(", ")})`;
    out.push({ key: m[1]!, type });
  }
  return out;
}

export const KIND_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  kind: {
    places: ["item"],
    check: oneOf(ITEM_KINDS),
    note: "what the item is; wins over any reading of its words",
  },
  automation: {
    places: ["item"],
    check: oneOf(AUTOMATION_TYPES),
    note: "which step an automation item runs (implies kind=automation)",
  },
  types: {
    places: ["item", "heading", "line"],
    check: (v) => {
      const parsed = parseTypes(v);
      return typeof parsed === "string" ? parsed : null;
    },
    note: "field types chosen by the author: key:type pairs, comma-separated",
  },
};

export type Annotation = { attributes: Record<string, string>; line: number };
export type AnnotationError = { line: number; message: string };

const COMMENT = /<!--\s*runsheet:([\s\S]*?)-->/g;

/** Whether an HTML node's text is (only) runsheet annotation comments. */
export function isAnnotationHtml(value: string): boolean {
  return /^(?:\s*<!--\s*runsheet:[\s\S]*?-->)+\s*$/.test(value);
}

/** Reads the attributes of every annotation comment in `html`, checking each against its place. */
export function readAnnotation(
  html: string,
  line: number,
  place: AnnotationPlace,
): { annotation: Annotation; errors: AnnotationError[] } {
  const attributes: Record<string, string> = {};
  const errors: AnnotationError[] = [];
  for (const m of html.matchAll(COMMENT)) {
    for (const pair of (m[1] ?? "").trim().split(/\s+/).filter(Boolean)) {
      const eq = pair.indexOf("=");
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? "" : pair.slice(eq + 1);
      const spec = KIND_ATTRIBUTES[name];
      if (!spec) {
        errors.push({
          line,
          message: `unknown annotation "${name}" (known: ${Object.keys(KIND_ATTRIBUTES).join(", ")})`,
        });
        continue;
      }
      if (!spec.places.includes(place)) {
        errors.push({
          line,
          message: `the annotation "${name}" belongs on ${spec.places.map(placeName).join(" or ")}, not on ${placeName(place)}`,
        });
        continue;
      }
      const problem = value === "" ? "needs a value" : spec.check(value);
      if (problem) {
        errors.push({ line, message: `annotation ${name}=${value}: ${problem}` });
        continue;
      }
      attributes[name] = value;
    }
  }
  if (attributes.automation && attributes.kind && attributes.kind !== "automation") {
    errors.push({
      line,
      message: `automation=${attributes.automation} needs kind=automation, not kind=${attributes.kind}`,
    });
  }
  return { annotation: { attributes, line }, errors };
}

function placeName(place: AnnotationPlace): string {
  return place === "item" ? "a task item's line" : place === "heading" ? "a heading" : "any other line";
}

/** Writes attributes back as one comment, in a stable order. */
export function writeAnnotation(attributes: Record<string, string | undefined>): string {
  const pairs = Object.entries(attributes)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([k, v]) => `${k}=${v}`);
  return pairs.length > 0 ? `<!-- runsheet: ${pairs.join(" ")} -->` : "";
}
