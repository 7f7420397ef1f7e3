/**
 * Reading request headers from either a fetch `Headers` or the plain object next-auth
 * hands to `authorize`.
 */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name.toLowerCase()];
  if (Array.isArray(value)) return value.join(", ");
  return value ?? null;
}
