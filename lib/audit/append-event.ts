import "server-only";
import type { Tx } from "@/lib/db";
import { hashEvent } from "@/lib/audit/hash-event";
import { RUN_CHANNEL, type RunChange } from "@/lib/live/channels";

export type NewAuditEvent = {
  runId?: string | null;
  actorId: string | null;
  action: string;
  itemId?: string | null;
  payload: Record<string, unknown>;
  at: Date;
};

export function streamFor(runId: string | null | undefined): string {
  return runId ? `run:${runId}` : "system";
}

/**
 * Serialises writers of one stream for the rest of the transaction. Callers that read
 * state they then change (a tick reads the previous tick) take it before reading.
 */
export async function lockStream(tx: Tx, stream: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0))`;
}

/**
 * Appends one event to its stream's hash chain. Must run inside the transaction that
 * makes the change it records, so that neither exists without the other.
 */
export async function appendAuditEvent(tx: Tx, event: NewAuditEvent) {
  const runId = event.runId ?? null;
  const stream = streamFor(runId);
  await lockStream(tx, stream);
  const last = await tx.auditEvent.findFirst({
    where: { stream },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    stream,
    seq: (last?.seq ?? 0) + 1,
    runId,
    actorId: event.actorId,
    action: event.action,
    itemId: event.itemId ?? null,
    payload: JSON.parse(JSON.stringify(event.payload)) as unknown,
    createdAt: event.at.toISOString(),
    prevHash: last?.hash ?? null,
  };
  const created = await tx.auditEvent.create({
    data: {
      ...fields,
      payload: fields.payload as object,
      createdAt: event.at,
      hash: hashEvent(fields),
    },
  });
  if (runId) {
    // PostgreSQL delivers a NOTIFY only when the transaction commits: a rolled-back change is never announced.
    const change: RunChange = { runId, seq: fields.seq, action: fields.action, itemId: fields.itemId };
    await tx.$executeRaw`SELECT pg_notify(${RUN_CHANNEL}, ${JSON.stringify(change)})`;
  }
  return created;
}
