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
