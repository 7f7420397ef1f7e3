import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { hashEvent } from "@/lib/audit/hash-event";
import { streamFor } from "@/lib/audit/append-event";
import { readSignedHeads } from "@/lib/audit/checkpoints";
import { checkAgainstHeads, type SignedHead } from "@/lib/audit/signed-head";
import { verifyKeys } from "@/lib/audit/signing-key";

export type ChainVerdict =
  | { ok: true; stream: string; count: number }
  | { ok: false; stream: string; count: number; firstBad: { id: string; seq: number; reason: string } };

type StoredEvent = {
  id: bigint;
  stream: string;
  seq: number;
  runId: string | null;
  actorId: string | null;
  action: string;
  itemId: string | null;
  payload: unknown;
  createdAt: Date;
  prevHash: string | null;
  hash: string;
};

/** The first event whose numbering, link or content does not match the chain; null when intact. */
export function firstBreak(events: StoredEvent[]): { id: string; seq: number; reason: string } | null {
  for (let n = 0; n < events.length; n++) {
    const e = events[n]!;
    const bad = (reason: string) => ({ id: e.id.toString(), seq: e.seq, reason });
    if (e.seq !== n + 1) return bad(`seq ${e.seq} where ${n + 1} was expected (an event is missing)`);
    const previousHash = n === 0 ? null : events[n - 1]!.hash;
    if (e.prevHash !== previousHash) return bad("prevHash does not match the previous event's hash");
    const recomputed = hashEvent({
      stream: e.stream,
      seq: e.seq,
      runId: e.runId,
      actorId: e.actorId,
      action: e.action,
      itemId: e.itemId,
      payload: e.payload,
      createdAt: e.createdAt.toISOString(),
      prevHash: e.prevHash,
    });
    if (recomputed !== e.hash) return bad("hash does not match the event's content");
  }
  return null;
}

/**
 * Recomputes one stream's hash chain from the stored rows, then checks it against the
 * stream's signed heads (lib/audit/checkpoints.ts): a chain recomputed after an edit is
 * internally consistent, but it no longer ends in the hashes that were signed.
 * `target` is a stream name ("system", "run:<id>") or `{ runId }`. "system" is for
 * operational scripts.
 */
export async function verifyChain({
  actor,
  target,
  heads = readSignedHeads(),
}: {
  actor: Actor | null | "system";
  target: string | { runId: string };
  heads?: SignedHead[];
}): Promise<ChainVerdict> {
  const stream = typeof target === "string" ? target : streamFor(target.runId);
  // A run's chain is read in the run's team; the workspace's stream with audit.read anywhere.
  if (actor !== "system" && stream.startsWith("run:"))
    await requireRunPermission(actor, stream.slice(4), "audit.read");
  else if (actor !== "system") requirePermission(actor, "audit.read");
  const events = await db().auditEvent.findMany({ where: { stream }, orderBy: { seq: "asc" } });
  const firstBad =
    firstBreak(events) ??
    headBreak(
      events,
      heads.filter((h) => h.stream === stream),
    );
  return firstBad
    ? { ok: false, stream, count: events.length, firstBad }
    : { ok: true, stream, count: events.length };
}

function headBreak(events: StoredEvent[], heads: SignedHead[]) {
  if (heads.length === 0) return null;
  const problem = checkAgainstHeads(events, heads, verifyKeys());
  if (!problem) return null;
  const event = events.find((e) => e.seq === problem.seq);
  return { id: event ? event.id.toString() : "(missing)", seq: problem.seq, reason: problem.reason };
}

/**
 * Every stream that has events, and every stream a signed head names (a stream deleted
 * whole is still checked, and found missing), for verifying the whole log.
 */
export async function listStreams({
  actor,
  heads = readSignedHeads(),
}: {
  actor: Actor | null | "system";
  heads?: SignedHead[];
}): Promise<string[]> {
  if (actor !== "system") requirePermission(actor, "audit.read");
  const rows = await db().auditEvent.groupBy({ by: ["stream"], orderBy: { stream: "asc" } });
  return [...new Set([...rows.map((r) => r.stream), ...heads.map((h) => h.stream)])].sort();
}
