/**
 * Reading the groups out of a provider's claims. The claim is named by OIDC_GROUPS_CLAIM:
 * a top-level name (`groups`, or a namespaced one such as `https://example.com/groups`,
 * which contains dots) or a dotted path into nested objects (`realm_access.roles`).
 */

/** More would be a misconfigured claim, not a person's groups. */
export const MAX_GROUPS = 500;
export const MAX_GROUP_LENGTH = 200;

/** The value at `path`: the whole path as one name first, then as a dotted walk. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let here: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof here !== "object" || here === null || Array.isArray(here) || !Object.hasOwn(here, key))
      return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/**
 * The person's groups: a string claim is one group, an array its string members. Values are
 * trimmed and compared exactly (providers' group names are case-sensitive); blanks, non-strings
 * and over-long values are dropped. A missing or malformed claim is no groups: the provider
 * then vouches for none, so no role comes from one.
 */
export function groupsFromClaims(claims: Record<string, unknown> | undefined, path: string): string[] {
  if (!claims) return [];
  const value = claimAt(claims, path);
  const listed = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const groups = new Set<string>();
  for (const g of listed) {
    if (typeof g !== "string") continue;
    const trimmed = g.trim();
    if (trimmed && trimmed.length <= MAX_GROUP_LENGTH) groups.add(trimmed);
    if (groups.size === MAX_GROUPS) break;
  }
  return [...groups].sort();
}
