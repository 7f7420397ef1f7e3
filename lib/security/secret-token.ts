import { createHash, randomBytes } from "node:crypto";

/** A random secret for a link or a header; only its hash is ever stored. */
export function newSecretToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether `token` has the shape newSecretToken(bytes) makes: refused before any lookup. */
export function looksLikeSecretToken(token: string, bytes = 32): boolean {
  return token.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(token);
}
