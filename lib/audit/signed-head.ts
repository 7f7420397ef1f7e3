import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * A signed head: "stream S had `seq` events and the last one's hash was H", signed with the
 * Ed25519 key that the database never sees. The same format is checked by
 * scripts/verify-evidence.mjs without any package, so the signed bytes are the RFC 8785
 * canonical JSON of { stream, seq, hash, at, keyId }.
 */
export type SignedHead = {
  stream: string;
  seq: number;
  hash: string;
  /** When the head was signed (ISO-8601 UTC). */
  at: string;
  /** Which key signed: the first 16 hex digits of SHA-256 over its raw public key. */
  keyId: string;
  /** Ed25519 signature, base64. */
  sig: string;
};

export function keyIdOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: "jwk" });
  return createHash("sha256")
    .update(Buffer.from(String(jwk.x), "base64url"))
    .digest("hex")
    .slice(0, 16);
}

function signedBytes(head: Omit<SignedHead, "sig">): Buffer {
  const { stream, seq, hash, at, keyId } = head;
  return Buffer.from(canonicalize({ stream, seq, hash, at, keyId })!, "utf8");
}

export function signHead(
  head: { stream: string; seq: number; hash: string; at: Date },
  privateKey: KeyObject,
): SignedHead {
  const unsigned = { ...head, at: head.at.toISOString(), keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), privateKey).toString("base64") };
}

/** Valid under one of `keys` (the current key and, after a rotation, the earlier ones). */
export function headSignatureValid(head: SignedHead, keys: KeyObject | KeyObject[]): boolean {
  const publicKey = (Array.isArray(keys) ? keys : [keys]).find((k) => keyIdOf(k) === head.keyId);
  if (!publicKey) return false;
  try {
    return verify(null, signedBytes(head), publicKey, Buffer.from(head.sig, "base64"));
  } catch {
    return false;
  }
}

export type HeadProblem = { seq: number; reason: string };

/**
 * Checks one stream's events (ordered by seq, already chain-checked) against its signed
 * heads: every head must carry a valid signature, and the event at its seq must exist and
 * have exactly its hash. This is what catches what a recomputed chain cannot: an edited
 * event whose hashes were all recomputed, reordered events, a deleted tail, a forged head.
 */
export function checkAgainstHeads(
  events: { seq: number; hash: string }[],
  heads: SignedHead[],
  publicKeys: KeyObject | KeyObject[],
): HeadProblem | null {
  const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
  for (const head of [...heads].sort((a, b) => a.seq - b.seq)) {
    if (!headSignatureValid(head, publicKeys)) {
      return {
        seq: head.seq,
        reason: `the signed head at seq ${head.seq} has no valid signature (forged head)`,
      };
    }
    const hash = bySeq.get(head.seq);
    if (hash === undefined) {
      return {
        seq: head.seq,
        reason: `a signed head says seq ${head.seq} existed; only ${events.length} events remain (events deleted)`,
      };
    }
    if (hash !== head.hash) {
      return {
        seq: head.seq,
        reason: `event seq ${head.seq} does not have the signed hash (events edited, reordered or replaced)`,
      };
    }
  }
  return null;
}
