import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { eventsFor } from "@/lib/webhooks/events";
import { enqueueWebhookDelivery } from "@/lib/webhooks/webhook-job";

const BATCH = 500;
/**
 * Audit ids come from a sequence: a transaction may commit an id lower than one already
 * visible. A gap is a rolled-back id (and may be passed) once no transaction that began
 * before the event after it is still running, or once that event is older than any
 * transaction may live (statement and idle-in-transaction limits are far shorter).
 */
const GAP_SETTLES_MS = 60_000;

/** The events that can be dispatched now: up to the first gap that may still fill. */
export function settledPrefix<E extends { id: bigint; createdAt: Date }>(
  events: E[],
  after: bigint,
  now: Date,
  oldestRunningSince: Date | null,
): E[] {
  const out: E[] = [];
  let expected = after + 1n;
  for (const e of events) {
    const mayFill =
      oldestRunningSince !== null &&
      oldestRunningSince <= e.createdAt &&
      now.getTime() - e.createdAt.getTime() < GAP_SETTLES_MS;
    if (e.id !== expected && mayFill) break;
    out.push(e);
    expected = e.id + 1n;
  }
  return out;
}

/**
 * Turns audit events after the dispatcher's cursor into deliveries for the endpoints that
 * subscribe to them, outside the write path: a tick never waits for a webhook. One
 * instance dispatches at a time (the cursor row is locked with SKIP LOCKED), and a unique
 * (endpoint, event) index makes any overlap harmless. Returns how many audit events it read
 * and how many deliveries it queued.
 */
export async function dispatchWebhooks(): Promise<{ events: number; deliveries: number }> {
  const created = await db().$transaction(async (tx) => {
    const cursor = await tx.$queryRaw<{ last_event_id: bigint }[]>`
      SELECT last_event_id FROM webhook_dispatch_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED`;
    if (!cursor[0]) return { events: 0, created: [] };
    const endpoints = await tx.webhookEndpoint.findMany({ where: { active: true } });
    const after = cursor[0].last_event_id;
    const fetched = await tx.auditEvent.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      include: {
        run: { select: { id: true, number: true, title: true, status: true, result: true } },
        actor: { select: { handle: true, name: true } },
      },
    });
    // Other sessions of the app's own role: those are the ones that write audit events.
    const [running] = await tx.$queryRaw<{ since: Date | null }[]>`
      SELECT min(xact_start) AS since FROM pg_stat_activity
       WHERE usename = current_user AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`;
    const events = settledPrefix(fetched, after, new Date(), running?.since ?? null);
    if (!events.length) return { events: 0, created: [] };
    const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
    for (const e of events) {
      if (!e.run) continue;
      for (const event of eventsFor(e.action, e.payload)) {
        for (const endpoint of endpoints.filter((x) => x.events.includes(event))) {
          rows.push({
            endpointId: endpoint.id,
            auditEventId: e.id,
            event,
            payload: {
              event,
              occurredAt: e.createdAt.toISOString(),
              action: e.action,
              run: e.run,
              itemId: e.itemId,
              actor: e.actor ? { handle: e.actor.handle, name: e.actor.name } : null,
              details: e.payload as Prisma.InputJsonValue,
            },
          });
        }
      }
    }
    const inserted = rows.length
      ? await tx.webhookDelivery.createManyAndReturn({
          data: rows,
          skipDuplicates: true,
          select: { id: true },
        })
      : [];
    await tx.webhookDispatchCursor.update({
      where: { id: 1 },
      data: { lastEventId: events[events.length - 1]!.id },
    });
    return { events: events.length, created: inserted };
  });
  for (const d of created.created) await enqueueWebhookDelivery(d.id);
  return { events: created.events, deliveries: created.created.length };
}
