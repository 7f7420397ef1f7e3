import { header, type HeaderSource } from "@/lib/security/request-headers";

/**
 * The client's address, for per-address rate limits. Route handlers never see the socket:
 * Next.js writes the peer's address into X-Forwarded-For only when the request has none,
 * and each proxy in front either sets it or appends the peer it saw. So the trustworthy
 * entry is the one the outermost trusted proxy wrote: `trustedProxies` from the right.
 * Everything to its left was sent by the client and may be forged.
 *
 * With no proxy (0) the last entry is Next's own when the client sent none; a client that
 * sends one picks its own address bucket, which is why a deployment reached directly
 * should not rely on the per-address limit alone (the per-account limit still holds).
 */
export function clientIp(headers: HeaderSource, trustedProxies = 0): string | null {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - Math.max(1, trustedProxies));
  return normalise(entries[index]!);
}

function normalise(address: string): string {
  const a = address.toLowerCase();
  // An IPv4 client of a dual-stack socket shows up as ::ffff:1.2.3.4.
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice("::ffff:".length) : a;
}
