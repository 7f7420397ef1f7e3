import { header, type HeaderSource } from "@/lib/security/request-headers";

/**
 * Whether a state-changing request was sent by a page of another site, the shape of a
 * cross-site request forgery riding on the session cookie.
 *
 * Browsers send `Origin` with every POST, PUT, PATCH and DELETE, and `Sec-Fetch-Site`
 * with every request; a non-browser client (a script with a copied cookie) may send
 * neither and is not forging anything. Like Next's own check on server actions, the
 * Origin's host is compared with the host the request was addressed to (X-Forwarded-Host
 * first, as a reverse proxy forwards it); `allowedOrigins` lists other origins whose
 * pages may call in, such as the public URL when the proxy does not forward the host.
 */
export function isCrossSiteRequest(headers: HeaderSource, allowedOrigins: readonly string[] = []): boolean {
  const origin = parseOrigin(header(headers, "origin"));
  const site = header(headers, "sec-fetch-site");
  if (origin === undefined) return site === "cross-site" || site === "same-site";
  // Sandboxed frames and privacy-sensitive redirects send "null": never ours.
  if (origin === null) return true;
  if (allowedOrigins.includes(origin.origin)) return false;
  if (site === "cross-site") return true;
  const addressedTo = [header(headers, "x-forwarded-host")?.split(",")[0], header(headers, "host")];
  return !addressedTo.some((h) => !!h && h.trim().toLowerCase() === origin.host.toLowerCase());
}

/** undefined: no Origin header; null: one that names no usable origin. */
function parseOrigin(value: string | null): URL | null | undefined {
  if (value === null) return undefined;
  try {
    const url = new URL(value);
    return url.origin === "null" ? null : url;
  } catch {
    return null;
  }
}
