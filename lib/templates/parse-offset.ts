export type SectionOffset = { minutes: number; label: string };

const UNIT = String.raw`(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)`;

/** T-30m, T+2h, T-4hrs, "T - 1 day". A bare number after T counts as minutes. */
const T_FORM = new RegExp(
  String.raw`(?<![A-Za-z0-9])T\s*([+\-\u2212])\s*(\d+(?:\.\d+)?)\s*(?:${UNIT}(?![A-Za-z]))?`,
  "i",
);

/** "2 hours before", "10 minutes after", "1 day prior to". */
const PHRASE = new RegExp(
  String.raw`(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)\s*${UNIT}\s+(before|prior|ahead|earlier|after|later)\b`,
  "i",
);

const MINUTES_PER: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

function unitMinutes(unit: string | undefined): number {
  if (!unit) return 1;
  const u = unit.toLowerCase();
  // "min"/"minutes" start with m like months would, but months are not a unit here.
  return MINUTES_PER[u.charAt(0)] ?? 1;
}

/**
 * Reads the schedule offset of a section from its heading, relative to the start
 * of the maintenance window. The label is what the author wrote, preferring the
 * whole parenthetical ("5 Days Before") when the offset sits inside one.
 */
export function parseOffset(heading: string): SectionOffset | null {
  let minutes: number;
  let index: number;
  let matched: string;

  const t = T_FORM.exec(heading);
  const p = t ? null : PHRASE.exec(heading);
  if (t) {
    const sign = t[1] === "+" ? 1 : -1;
    minutes = sign * Number(t[2]) * unitMinutes(t[3]);
    index = t.index;
    matched = t[0];
  } else if (p) {
    const sign = /^(after|later)$/i.test(p[3] ?? "") ? 1 : -1;
    minutes = sign * Number(p[1]) * unitMinutes(p[2]);
    index = p.index;
    matched = p[0];
  } else {
    return null;
  }

  return {
    minutes: Math.round(minutes) || 0,
    label: enclosingParenthetical(heading, index) ?? matched.trim(),
  };
}

function enclosingParenthetical(text: string, index: number): string | null {
  for (const m of text.matchAll(/\(([^()]*)\)/g)) {
    if (m.index < index && index < m.index + m[0].length) return (m[1] ?? "").trim();
  }
  return null;
}

/** The heading without the parenthetical that only carried the offset, for slugs. */
export function withoutOffsetParenthetical(heading: string, offset: SectionOffset | null): string {
  if (!offset) return heading;
  return heading.replace(`(${offset.label})`, " ").replace(/\s+/g, " ").trim();
}
