import { header, type HeaderSource } from "@/lib/security/request-headers";

/**
 * The client's address for per-address rate limits, or null when it cannot be known.
 *
 * Next.js 16 gives route handlers, server actions and proxy.ts no socket address: its
 * server writes the peer's address into X-Forwarded-For only when the request carries
 * none (`??=` in base-server), so a client talking to it directly picks whatever address
 * it likes. Hence, without TRUST_PROXY, no header is believed and the answer is null: the
 * caller treats every such client as one unknown address (see docs/SECURITY.md).
 *
 * Behind `trustedProxies` proxies, each one appends the peer it saw, so the client's
 * address is the entry the outermost trusted proxy wrote: `trustedProxies` from the right.
 * Everything to its left came from the client; fewer entries than proxies means the chain
 * is not what was configured, and nothing in it is trusted.
 */
export function clientIp(headers: HeaderSource, trustedProxies = 0): string | null {
  if (trustedProxies < 1) return null;
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length < trustedProxies) return null;
  return normalise(entries[entries.length - trustedProxies]!);
}

function normalise(address: string): string {
  const a = address.toLowerCase();
  // An IPv4 client of a dual-stack socket shows up as ::ffff:1.2.3.4.
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice("::ffff:".length) : a;
}
