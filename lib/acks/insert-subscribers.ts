import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { SubscriberDraft } from "@/lib/acks/resolve-subscribers";
import { newSecretToken } from "@/lib/security/secret-token";

/**
 * Stores subscribers of a run, each with a `subscriber.added` event, inside the caller's
 * transaction. The token behind each first hash is thrown away: a working link is only
 * made when one is emailed or copied.
 */
export async function insertSubscribers(
  tx: Tx,
  { runId, actorId, list, now }: { runId: string; actorId: string; list: SubscriberDraft[]; now: Date },
) {
  const rows = list.map((s) => ({ id: randomUUID(), runId, ...s, tokenHash: newSecretToken().hash }));
  if (!rows.length) return rows;
  await tx.runSubscriber.createMany({ data: rows.map((r) => ({ ...r, createdAt: now })) });
  for (const r of rows) {
    await appendAuditEvent(tx, {
      runId,
      actorId,
      action: "subscriber.added",
      payload: {
        subscriberId: r.id,
        group: r.groupKey,
        name: r.name,
        email: r.email,
        userId: r.userId,
        ...(r.kind === "cc" ? { kind: "cc" } : {}),
      },
      at: now,
    });
  }
  return rows;
}
