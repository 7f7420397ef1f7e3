import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes in base64url: what a personal acknowledgement link carries. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new link token and the only thing stored about it, its SHA-256. Whoever reads the
 * database cannot rebuild a working link from it.
 */
export function newAckToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAckToken(token) };
}

export function hashAckToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeAckToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
