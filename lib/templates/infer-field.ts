import { DECISION_VALUES, RESULT_VALUES, type FieldType } from "./definition";

export type InferredType = { type: FieldType; options?: string[] };

/**
 * Guesses a field's type from the hint an author wrote after `_REPLACE_WITH_` (or
 * from a bare `_PLACEHOLDER_NAME_`). Order matters: the more specific shapes
 * (issue numbers, handles, option lists) are checked before the word-based ones.
 */
export function inferFieldType(hint: string): InferredType {
  const h = hint.trim();
  const words = h
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const has = (w: string) => words.includes(w);

  if (h.startsWith("#") || (has("ISSUE") && (has("NUMBER") || has("NO") || has("ID") || has("REF"))))
    return { type: "issue_ref" };
  if (h.startsWith("@")) return { type: "handles" };

  const options = splitOptions(h);
  if (options) return optionsType(options) ?? { type: "text" };

  if (/YYYY-MM-DD[ T]*hh/i.test(h) || (has("DATE") && has("TIME")) || has("DATETIME") || has("TIMESTAMP"))
    return { type: "datetime" };
  if (has("DATE") || has("YYYY")) return { type: "date" };
  if (/^v?X(\.[XYZ])+$/i.test(h)) return { type: "version" };
  if (h.replace(/[^A-Za-z]/g, "").toUpperCase() === "STACKID") return { type: "stack_id" };
  if (has("URL") || has("URI") || has("LINK") || /^https?:\/\//i.test(h)) return { type: "url" };
  // A placeholder named just "version" ({{version}}, <VERSION>) or "target_version".
  if (words[words.length - 1] === "VERSION" && words.length <= 2 && !has("CONTAINER"))
    return { type: "version" };
  // Handle lists written as names: OWNER_HANDLE, RELEASE_MANAGERS_HANDLES.
  if (has("HANDLE") || has("HANDLES") || has("USERNAME")) return { type: "handles" };
  // A stack or resource id: CLUSTER_ID, INSTANCE_ID, the ARN of something.
  if (words.length > 1 && (words[words.length - 1] === "ID" || words[words.length - 1] === "ARN"))
    return { type: "stack_id" };
  return { type: "text" };
}

/** "A or B or C" → ["A","B","C"]; null when the hint is not a list of alternatives. */
export function splitOptions(text: string): string[] | null {
  const parts = text
    .split(/\s*,\s*|\s+or\s+|\s*\|\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length >= 2 ? parts : null;
}

/** Result and decision fields are only recognised by their exact value sets, so the flow can rely on them. */
export function optionsType(options: string[]): InferredType | null {
  const normalized = options.map(normalizeOption);
  if (sameSet(normalized, RESULT_VALUES)) return { type: "result", options: normalized };
  if (sameSet(normalized, DECISION_VALUES)) return { type: "decision", options: normalized };
  return null;
}

/** "no_go" → "NO GO": authors write the same value with underscores or spaces. */
export function normalizeOption(option: string): string {
  return option
    .replace(/[_\s]+/g, " ")
    .trim()
    .toUpperCase();
}

function sameSet(values: string[], expected: readonly string[]): boolean {
  return values.length === expected.length && expected.every((v) => values.includes(v));
}

/** "Stack ID for prechange Blue Stack" → "stackIdForPrechangeBlueStack". */
export function camelKey(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const key = words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
  if (key === "") return "field";
  // Keys must start with a letter to be usable in `{{key}}` tokens.
  return /^[a-z]/.test(key) ? key : `field${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

/**
 * Key for a labelled field. "(s)" glued to a word is a plural marker and kept
 * ("Completer(s)" → "completers"); other parentheticals are commentary and dropped.
 */
export function keyFromLabel(label: string): string {
  return camelKey(
    label
      .replace(/([A-Za-z])\(s\)/g, "$1s")
      .replace(/\s*\([^)]*\)/g, " ")
      .trim(),
  );
}

/** "MAINTENANCE_WINDOW_DATE_TIME" → "Maintenance window date time". */
export function labelFromName(name: string): string {
  const text = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.\s-]+/g, " ")
    .trim()
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
