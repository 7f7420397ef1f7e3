import { z } from "zod";

/**
 * Strings PostgreSQL cannot store (NUL) or that cannot be stored as they were sent (a lone
 * UTF-16 surrogate turns into U+FFFD on the way to UTF-8, so the stored text and its audit
 * hash would no longer be what the caller sent).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE = "Must not contain NUL characters or unpaired surrogates";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Every stored string an input schema takes: length-limited and storable. */
export function safeText(max: number) {
  return z
    .string()
    .max(max, `At most ${max} characters`)
    .refine(isStorableText, { message: UNSTORABLE_MESSAGE, abort: true });
}

/**
 * The path of the first string anywhere in `value` that cannot be stored, or null. Server
 * actions and API routes run it over their whole input before their own schema, so no
 * field, however deeply nested or loosely typed (z.unknown(), records), reaches the
 * database with one.
 */
export function firstUnstorableString(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".") || "_";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstUnstorableString(value[i], [...path, i]);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return [...path, k].join(".");
      const bad = firstUnstorableString(v, [...path, k]);
      if (bad !== null) return bad;
    }
  }
  return null;
}
