import type { SectionDef } from "./definition";

/** "Phase 1: Change Preparation" → "phase-1-change-preparation". */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}

/** Appends -2, -3… so keys stay unique in document order. */
export function uniqueSlugs(bases: readonly string[]): string[] {
  const seen = new Set<string>();
  return bases.map((base) => {
    let key = base;
    for (let n = 2; seen.has(key); n++) key = `${base}-${n}`;
    seen.add(key);
    return key;
  });
}

/** "Phase 5: GO Decision" → "phase 5"; headings without a phase label have none. */
function phaseLabel(title: string): string | null {
  const numbered = /^\s*((?:phase|step|stage|part)\s+[\w.]+)/i.exec(title);
  if (numbered?.[1]) return numbered[1].toLowerCase().replace(/\s+/g, " ");
  const colon = title.indexOf(":");
  return colon > 0 ? title.slice(0, colon).trim().toLowerCase() : null;
}

const NO_GO = /\bno[\s_-]*go\b/i;
const GO = /\bgo\b/i;

/**
 * Alternative paths are written as several headings under one phase label
 * ("Phase 5: GO Decision" / "Phase 5: NO GO Decision / Backoff"). A lone heading
 * that mentions both ("Make GO/NO GO Decision") is the decision itself, not a branch.
 */
export function assignBranches(titles: readonly string[]): SectionDef["branch"][] {
  const labels = titles.map(phaseLabel);
  return titles.map((title, i) => {
    const label = labels[i];
    if (!label || labels.filter((l) => l === label).length < 2) return null;
    if (NO_GO.test(title)) return "no_go";
    if (GO.test(title.replace(new RegExp(NO_GO.source, "gi"), ""))) return "go";
    return null;
  });
}
