import "server-only";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { signHead, type SignedHead } from "@/lib/audit/signed-head";
import { checkpointDir, publicKeyPem, signingKey } from "@/lib/audit/signing-key";

/**
 * Signed heads are appended, one JSON line each, to heads.jsonl in AUDIT_CHECKPOINT_DIR, a
 * place outside PostgreSQL (a mounted volume, a bucket with object lock, a log shipper's
 * input). Lines are only ever appended; an attacker who can rewrite this directory as well
 * as the database is outside what it protects (docs/SECURITY.md).
 */
const FILE = "heads.jsonl";

export function readSignedHeads(dir = checkpointDir()): SignedHead[] {
  const file = path.join(dir, FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as SignedHead];
      } catch {
        return [];
      }
    });
}

/** The latest signed seq per stream in the sink, so unchanged streams are not signed again. */
const lastSigned = new Map<string, number>();

/**
 * Signs the current head of every stream that moved since it was last signed and appends
 * it to the sink. Runs after changes commit (never inside a transaction: a rolled-back
 * event must not be signed) — at least once a minute from instrumentation.ts.
 */
export async function checkpointHeads(now = new Date(), dir = checkpointDir()): Promise<SignedHead[]> {
  mkdirSync(dir, { recursive: true });
  if (lastSigned.size === 0) {
    for (const h of readSignedHeads(dir))
      lastSigned.set(h.stream, Math.max(lastSigned.get(h.stream) ?? 0, h.seq));
  }
  const pubFile = path.join(dir, "audit-signing-key.pub");
  if (!existsSync(pubFile)) writeFileSync(pubFile, publicKeyPem(signingKey().publicKey));
  const heads = await db().$queryRaw<{ stream: string; seq: number; hash: string }[]>`
    SELECT DISTINCT ON (stream) stream, seq, hash FROM audit_events ORDER BY stream, seq DESC`;
  const { privateKey } = signingKey();
  const signed: SignedHead[] = [];
  for (const h of heads) {
    if ((lastSigned.get(h.stream) ?? 0) >= h.seq) continue;
    signed.push(signHead({ stream: h.stream, seq: h.seq, hash: h.hash, at: now }, privateKey));
  }
  if (signed.length) {
    appendFileSync(path.join(dir, FILE), signed.map((s) => `${JSON.stringify(s)}\n`).join(""), { flag: "a" });
    for (const s of signed) lastSigned.set(s.stream, s.seq);
  }
  return signed;
}

/** For tests: forget what this process signed, as a fresh process would. */
export function forgetSignedHeads(): void {
  lastSigned.clear();
}

const globalForCheckpoints = globalThis as unknown as { runsheetCheckpointTimer?: NodeJS.Timeout };

/** Signs heads every `intervalMs` (a minute) in the background of the app process. */
export function startCheckpointing(intervalMs = 60_000): void {
  if (globalForCheckpoints.runsheetCheckpointTimer) return;
  const tick = () =>
    checkpointHeads().catch((err: unknown) => console.error("audit heads were not signed", err));
  void tick();
  globalForCheckpoints.runsheetCheckpointTimer = setInterval(tick, intervalMs);
  globalForCheckpoints.runsheetCheckpointTimer.unref();
}
