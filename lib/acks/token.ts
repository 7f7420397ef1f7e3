import { hashSecretToken, newSecretToken } from "@/lib/security/secret-token";

/** 32 random bytes in base64url: what a personal acknowledgement link carries. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new link token and the only thing stored about it, its SHA-256 (lib/security/secret-token.ts).
 * Whoever reads the database cannot rebuild a working link from it.
 */
export function newAckToken(): { token: string; tokenHash: string } {
  const { token, hash } = newSecretToken(32);
  return { token, tokenHash: hash };
}

export const hashAckToken = hashSecretToken;

export function looksLikeAckToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
