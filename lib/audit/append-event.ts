import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { hashEvent, type HashedEventFields } from "@/lib/audit/hash-event";
import { RUN_CHANNEL, runChangeMessage, type RunChange } from "@/lib/live/messages";

export type NewAuditEvent = {
  runId?: string | null;
  actorId: string | null;
  action: string;
  itemId?: string | null;
  payload: Record<string, unknown>;
  at: Date;
};

/** The last event of a stream: what the next one chains to. */
export type ChainHead = { seq: number; hash: string | null };

export function streamFor(runId: string | null | undefined): string {
  return runId ? `run:${runId}` : "system";
}

// The streams each transaction has locked: a transaction-level advisory lock is held to its end.
const held = new WeakMap<Tx, Set<string>>();

/**
 * Serialises writers of one stream for the rest of the transaction. Callers that read
 * state they then change (a tick reads the previous tick) take it before reading; taking
 * it again in the same transaction costs nothing.
 */
export async function lockStream(tx: Tx, stream: string): Promise<void> {
  const streams = held.get(tx) ?? new Set<string>();
  if (streams.has(stream)) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0))`;
  streams.add(stream);
  held.set(tx, streams);
}

export async function chainHead(tx: Tx, stream: string): Promise<ChainHead> {
  const last = await tx.auditEvent.findFirst({
    where: { stream },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return { seq: last?.seq ?? 0, hash: last?.hash ?? null };
}

/** The stored fields of the event that follows `head`, with its hash (computed here, in Node, so it can be recomputed offline). */
export function chainedEvent(event: NewAuditEvent, head: ChainHead): HashedEventFields & { hash: string } {
  const runId = event.runId ?? null;
  const fields: HashedEventFields = {
    stream: streamFor(runId),
    seq: head.seq + 1,
    runId,
    actorId: event.actorId,
    action: event.action,
    itemId: event.itemId ?? null,
    payload: JSON.parse(JSON.stringify(event.payload)) as unknown,
    createdAt: event.at.toISOString(),
    prevHash: head.hash,
  };
  return { ...fields, hash: hashEvent(fields) };
}

/**
 * The INSERT of one chained event and, for a run, its NOTIFY, as one statement. `change`, when
 * given, is the statement that makes the change the event records (an UPDATE … RETURNING): it
 * runs first, and when it touches no row neither the event nor the notification happens.
 * The answer's `n` is the number of events written.
 */
export function auditInsertSql(
  row: HashedEventFields & { hash: string },
  announce?: Pick<RunChange, "scope" | "item">,
  change?: Prisma.Sql,
): Prisma.Sql {
  const changed = change ? Prisma.sql`changed AS (${change}),` : Prisma.empty;
  const source = change
    ? Prisma.sql`(SELECT 1 FROM changed LIMIT 1) AS source`
    : Prisma.sql`(SELECT 1) AS source`;
  const insert = Prisma.sql`
    INSERT INTO audit_events (stream, seq, run_id, actor_id, action, item_id, payload, created_at, prev_hash, hash)
    SELECT ${row.stream}, ${row.seq}, ${row.runId}::uuid, ${row.actorId}::uuid, ${row.action}, ${row.itemId}::uuid,
           ${JSON.stringify(row.payload)}::jsonb, ${row.createdAt}::timestamptz, ${row.prevHash}, ${row.hash}
    FROM ${source}
    RETURNING seq`;
  if (!row.runId)
    return Prisma.sql`WITH ${changed} event AS (${insert}) SELECT count(*)::int AS n FROM event`;
  // PostgreSQL delivers a NOTIFY only when the transaction commits: a rolled-back change is never announced.
  const message = runChangeMessage({
    runId: row.runId,
    seq: row.seq,
    action: row.action,
    itemId: row.itemId,
    scope: "run",
    ...announce,
  });
  return Prisma.sql`
    WITH ${changed} event AS (${insert})
    SELECT count(*)::int AS n, max(pg_notify(${RUN_CHANNEL}, ${message})::text) AS notified FROM event`;
}

/**
 * Appends one event to its stream's hash chain. Must run inside the transaction that
 * makes the change it records, so that neither exists without the other. `head`, when the
 * caller already read it under the stream's lock, saves a read.
 */
export async function appendAuditEvent(tx: Tx, event: NewAuditEvent, head?: ChainHead): Promise<void> {
  const stream = streamFor(event.runId);
  await lockStream(tx, stream);
  const row = chainedEvent(event, head ?? (await chainHead(tx, stream)));
  await tx.$queryRaw(auditInsertSql(row));
}
