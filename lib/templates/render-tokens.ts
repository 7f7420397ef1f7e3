/** `{{key}}` as written by the importer; spaces inside the braces are tolerated for hand edits. */
const TOKEN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/**
 * Fills `{{key}}` tokens from `values`. Unknown or empty values keep their token so a
 * half-filled run still shows what is missing instead of silently dropping text.
 */
export function renderTokens(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(TOKEN, (token: string, key: string) => {
    // Own properties only: "constructor" and friends must not resolve through the prototype.
    if (!Object.prototype.hasOwnProperty.call(values, key)) return token;
    const value = values[key];
    return typeof value === "string" && value !== "" ? value : token;
  });
}

/** The distinct token keys in `text`, in order of first appearance. */
export function tokensIn(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const key = match[1];
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Every placeholder syntax an importer reads, as it stands in raw Markdown (bodies, code). */
const RAW_PLACEHOLDER =
  /`_REPLACE_WITH_\s*([^`]*)`|\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|<%=\s*([A-Za-z_][\w.]*)\s*%>|<([A-Z][A-Z0-9_]{2,})>|(?<![\w`])_REPLACE_WITH_[ \t]*([^\s|`]+(?:[ \t]+[A-Z0-9@#][A-Z0-9_.\-/@#]*(?=[\s|,.;:)]|$))*)|(?<![\w\\])_([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_(?!\w)/g;

/**
 * Fills the placeholders of kept Markdown (an item's body, a section's intro) from the
 * run's values. Bodies are stored as the author wrote them, so a placeholder is found
 * by its hint, in whichever syntax it was written; a `{{key}}` token works too. A
 * placeholder without a value stays as written.
 */
export function fillPlaceholders(
  markdown: string,
  fields: readonly { key: string; hint: string }[],
  values: Record<string, string | null | undefined>,
): string {
  return markdown.replace(RAW_PLACEHOLDER, (whole: string, ...groups: (string | undefined)[]) => {
    const hint = groups
      .slice(0, 6)
      .find((g) => g !== undefined)
      ?.trim()
      .replace(/[.,;:)]+$/, "");
    if (!hint) return whole;
    const field = fields.find((f) => f.hint === hint) ?? fields.find((f) => f.key === hint);
    const value =
      field && Object.prototype.hasOwnProperty.call(values, field.key) ? values[field.key] : undefined;
    if (typeof value !== "string" || value === "") return whole;
    // The bare form's hint ends where the words did; keep what followed it.
    const rest = groups[4] !== undefined ? whole.slice(whole.indexOf(groups[4]) + hint.length) : "";
    return value + rest;
  });
}
