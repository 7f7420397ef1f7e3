import { createHash, randomBytes } from "node:crypto";

/** A random secret for a link or a header; only its hash is ever stored. */
export function newSecretToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
