import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

/**
 * Passwords are hashed with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane). Hashes
 * made before that are bcrypt; they still verify, and the sign-in that proves the password
 * replaces them (lib/auth/authenticate.ts).
 */
const ARGON2ID = 2; // Algorithm.Argon2id: a const enum, which isolatedModules cannot import.
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** bcrypt reads only the first 72 bytes: a longer password would match any with that prefix. */
export const BCRYPT_MAX_BYTES = 72;

// Compared against when the user does not exist, so both failures take the same time.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_OPTIONS);
}

export function isBcryptHash(hash: string): boolean {
  return /^\$2[abxy]\$/.test(hash);
}

/** Whether a stored hash should be replaced by a fresh one of the current kind. */
export function needsRehash(hash: string): boolean {
  return isBcryptHash(hash) || !hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
}

/** Whether this password cannot be checked against this (bcrypt) hash without truncation. */
export function tooLongForHash(password: string, hash: string | null | undefined): boolean {
  return !!hash && isBcryptHash(hash) && Buffer.byteLength(password, "utf8") > BCRYPT_MAX_BYTES;
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (hash && isBcryptHash(hash)) {
    if (tooLongForHash(password, hash)) return false;
    return bcrypt.compare(password, hash);
  }
  dummyHash ??= hashPassword("runsheet-dummy-password");
  try {
    const ok = await argon2Verify(hash ?? (await dummyHash), password);
    return ok && !!hash;
  } catch {
    // A malformed stored hash matches nothing.
    return false;
  }
}
