import "server-only";
import { actorOfUser } from "@/lib/teams/actor-of-user";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Notification } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { markDone } from "@/lib/runs/flow/item-writer";
import { runContext } from "@/lib/notify/announcement";
import { composeMessage } from "@/lib/notify/compose-message";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { deliverTo } from "@/lib/notify/channels/deliver-to";
import { deliverOnRunMaintenance } from "@/lib/maintenance/announce-on-maintenance";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import { TIMED_OUT } from "@/lib/notify/channels/http-post";
import { enqueueDelivery, type NotifyJob } from "@/lib/notify/notify-job";
import type { Channel } from "@/lib/notify/target-config";

// A row left "sending" this long belongs to a worker that died mid-call; longer than any job's expiry.
const STALE_SENDING_MS = 5 * 60_000;

/**
 * The notify.deliver handler. Claims the row (so two jobs never send one message), calls
 * the channel, and records the outcome. A failure worth retrying goes back to "queued" and
 * is rethrown for pg-boss to retry with backoff; a 429 completes this job and queues a new
 * one that starts no earlier than Retry-After (pg-boss's own retry would use its backoff,
 * which may be sooner); a permanent failure or the last attempt leaves the row "failed".
 */
export async function deliverNotificationJob(job: PgBoss.JobWithMetadata<NotifyJob>) {
  const n = await claim(job.data.notificationId);
  if (!n) return { skipped: true };
  let delivered: Delivered;
  try {
    const run = await db().run.findUniqueOrThrow({ where: { id: n.runId } });
    const target = await resolveTarget(n.channel as Channel, n.target, run);
    const composed = composeMessage(
      n.channel as Channel,
      n.message,
      runContext(run),
      target.ok && target.channel === "statuspage" ? target.config : undefined,
    );
    delivered =
      (await deliverOnRunMaintenance(n)) ?? (await deliverTo(target, composed, await incidentHint(n)));
    delivered = atLeastOnce(n, withScope(target, testDestination(target, delivered)));
  } catch (err) {
    const e =
      err instanceof DeliveryError
        ? err
        : new DeliveryError(err instanceof Error ? err.message : String(err));
    const retriesLeft = job.retryLimit - job.retryCount;
    if (e.permanent || retriesLeft <= 0) {
      await recordFailed(n, e.message);
      return { failed: e.message };
    }
    if (e.retryAfterMs !== undefined) {
      const startAfter = new Date(Date.now() + e.retryAfterMs);
      await requeue(n, `${e.message} (next try after ${startAfter.toISOString()})`);
      await enqueueDelivery(n.id, { startAfter, retryLimit: retriesLeft - 1 });
      return { retryAfterMs: e.retryAfterMs };
    }
    await requeue(n, e.message);
    throw e;
  }
  // Outside the try: the message is out, so a failure to record it must not send it again.
  await recordDelivered(n, delivered);
  return { delivered: delivered.response };
}

/**
 * The run's Statuspage incident, if an earlier announcement to this page opened it; and, on a
 * retry, when to look for one a lost answer may have opened.
 */
async function incidentHint(n: Notification) {
  if (n.channel !== "statuspage") return {};
  const earlier = await db().notification.findMany({
    where: { runId: n.runId, channel: "statuspage", target: n.target, id: { not: n.id } },
    orderBy: { createdAt: "asc" },
    select: { status: true, providerResponse: true, createdAt: true },
  });
  const opened = earlier.find(
    (e) => e.status === "delivered" && (e.providerResponse as { incidentId?: unknown })?.incidentId,
  );
  if (opened) return { incidentId: String((opened.providerResponse as { incidentId: unknown }).incidentId) };
  // Any earlier send to this page that did not get an answer, or this one's own earlier attempts.
  const uncertain = earlier.filter((e) => e.status !== "delivered").map((e) => e.createdAt);
  if (n.attempts > 1) uncertain.push(n.createdAt);
  return uncertain.length
    ? { lookForOneSince: new Date(Math.min(...uncertain.map((d) => d.getTime()))) }
    : {};
}

/** A rehearsal's delivery to a target's test destination says so in its evidence. */
function testDestination(target: Awaited<ReturnType<typeof resolveTarget>>, delivered: Delivered): Delivered {
  if (!target.ok || !("test" in target) || !target.test) return delivered;
  return {
    ...delivered,
    summary: `${delivered.summary} (rehearsal: sent to the test destination)`,
    response: { ...delivered.response, rehearsal: true, testDestination: true },
  };
}

/** Whose target carried the message (the run's team's own, or the workspace default), kept as evidence. */
function withScope(target: Awaited<ReturnType<typeof resolveTarget>>, delivered: Delivered): Delivered {
  if (!target.ok) return delivered;
  return { ...delivered, response: { ...delivered.response, targetScope: target.scope } };
}

/**
 * Email and Slack cannot be asked whether a message arrived: after an attempt that timed
 * out (the provider may have acted before its answer was lost), the evidence says the
 * message went out at least once rather than claiming exactly once.
 */
function atLeastOnce(n: Notification, delivered: Delivered): Delivered {
  if (n.channel === "statuspage" || n.attempts <= 1 || !n.lastError?.includes(TIMED_OUT)) return delivered;
  return {
    summary: `${delivered.summary} — at least once: an earlier attempt timed out after it may have reached the provider`,
    response: { ...delivered.response, deliveredAtLeastOnce: true },
  };
}

async function claim(id: string): Promise<Notification | null> {
  const now = new Date();
  const { count } = await db().notification.updateMany({
    where: {
      id,
      OR: [
        { status: "queued" },
        { status: "sending", updatedAt: { lt: new Date(now.getTime() - STALE_SENDING_MS) } },
      ],
    },
    data: { status: "sending", attempts: { increment: 1 }, updatedAt: now },
  });
  return count ? db().notification.findUnique({ where: { id } }) : null;
}

function requeue(n: Notification, error: string) {
  return db().notification.update({
    where: { id: n.id },
    data: { status: "queued", lastError: error, updatedAt: new Date() },
  });
}

/** Delivered: the row, the channel item ticked "by the integration", and one audit event. */
async function recordDelivered(n: Notification, delivered: Delivered) {
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(n.runId));
    const now = new Date();
    await tx.notification.update({
      where: { id: n.id },
      data: {
        status: "delivered",
        providerResponse: delivered.response as object,
        lastError: null,
        deliveredAt: now,
        updatedAt: now,
      },
    });
    const item = await tx.runItem.findUnique({ where: { id: n.itemId }, include: { run: true } });
    const elapsedMs = Math.max(0, now.getTime() - n.createdAt.getTime());
    // Someone may have ticked it by hand meanwhile, or closed the run: their record stands.
    // A partial delivery (some recipients refused) is recorded and shown per recipient, but not ticked as delivered.
    // The item is ticked for the person who sent it, so they must still be allowed to tick:
    // a requester deactivated or demoted since has the delivery recorded, not the tick.
    const requester = await actorOfUser({ id: n.requestedById }, tx);
    const mayTick = !!item && can(requester, "runs.write", item.run.teamId);
    const tick = item?.state === "open" && item.run.status === "open" && !delivered.partial && mayTick;
    if (tick) {
      const evidence = delivered.response.captured
        ? `Captured, not sent: ${delivered.summary}.`
        : `Delivered by the integration: ${delivered.summary}.`;
      await markDone(tx, item.id, {
        by: n.requestedById,
        at: now,
        elapsedMs,
        note: item.note ? `${item.note}\n${evidence}` : evidence,
      });
    }
    await appendAuditEvent(tx, {
      runId: n.runId,
      actorId: n.requestedById,
      action: "notification.delivered",
      itemId: n.itemId,
      payload: {
        ...eventBase(n),
        evidence: delivered.summary,
        providerResponse: delivered.response,
        ticked: tick,
        ...(!mayTick ? { notTickedBecause: "the requester may no longer work on runs" } : {}),
        ...(delivered.partial ? { partial: true } : {}),
        ...(tick ? { elapsedMs, version: item.version + 1 } : {}),
      },
      at: now,
    });
  });
}

async function recordFailed(n: Notification, error: string) {
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(n.runId));
    const now = new Date();
    await tx.notification.update({
      where: { id: n.id },
      data: { status: "failed", lastError: error, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      runId: n.runId,
      actorId: n.requestedById,
      action: "notification.failed",
      itemId: n.itemId,
      payload: { ...eventBase(n), error },
      at: now,
    });
  });
}

/** What every delivery event says about the send it records. */
function eventBase(n: Notification) {
  return {
    by: "integration",
    notificationId: n.id,
    channel: n.channel,
    target: n.target,
    attempts: n.attempts,
  };
}
