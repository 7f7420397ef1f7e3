import { createHmac, timingSafeEqual } from "node:crypto";

/** The header a delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` (Stripe's scheme). */
export const SIGNATURE_HEADER = "Runsheet-Signature";

export function signPayload(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/**
 * What a receiver does (documented in README.md): recompute the HMAC over the timestamp and
 * the raw body, compare in constant time, and refuse old timestamps to stop replays.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = Object.fromEntries(
    (header ?? "").split(",").map((p) => {
      const eq = p.indexOf("=");
      return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  const age = (opts.now ?? new Date()).getTime() / 1000 - t;
  if (Math.abs(age) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
