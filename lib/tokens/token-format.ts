import { randomBytes } from "node:crypto";
import { hashSecretToken } from "@/lib/security/secret-token";

/**
 * `rs_<prefix>_<secret>`: the prefix (8 hex characters) lets people tell their tokens
 * apart in lists and logs, and lets secret scanners recognise a leaked one; the secret is
 * 32 random bytes. Only the SHA-256 of the whole token is stored.
 */
const TOKEN_PATTERN = /^rs_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString("hex");
  const token = `rs_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashSecretToken(token) };
}

/** The stored hash of a well-formed token, or null for anything that cannot be one. */
export function apiTokenHash(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? hashSecretToken(token) : null;
}

/** How a token is shown after creation: enough to recognise it, useless to use it. */
export function displayPrefix(prefix: string): string {
  return `rs_${prefix}_…`;
}
