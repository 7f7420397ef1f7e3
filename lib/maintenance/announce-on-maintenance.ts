import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { env } from "@/lib/env";
import type { Notification } from "@/lib/generated/prisma/client";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { systemClock, type Clock } from "@/lib/reminders/clock";
import { putMaintenance } from "@/lib/maintenance/statuspage-maintenance";
import {
  desiredForRun,
  maintenanceKey,
  statusPageOf,
  syncRunMaintenance,
  UNDER_WAY,
} from "@/lib/maintenance/sync-maintenance";

/** A phase timed this close to the window's start (or later) announces the change commencing. */
export const COMMENCEMENT_MINUTES = 15;

/**
 * Whether the announcement's phase is the change commencing: the nearest timed phase at or
 * before it is due no earlier than 15 minutes before the window (the seed's "1 minute before
 * change" notice). A Pre-Flight notice days ahead leaves the maintenance scheduled.
 */
async function announcesCommencement(itemId: string): Promise<boolean> {
  const item = await db().runItem.findUniqueOrThrow({
    where: { id: itemId },
    select: { runId: true, section: { select: { position: true } } },
  });
  const timed = await db().runSection.findFirst({
    where: { runId: item.runId, position: { lte: item.section.position }, offsetMinutes: { not: null } },
    orderBy: { position: "desc" },
    select: { offsetMinutes: true },
  });
  return timed?.offsetMinutes != null && timed.offsetMinutes >= -COMMENCEMENT_MINUTES;
}

/** The run's maintenance row with its id, made first when the window is set but the sweep has not run yet. */
async function maintenanceWithId(runId: string, clock: Clock) {
  const row = await db().runMaintenance.findUnique({ where: { runId } });
  if (row?.incidentId) return row;
  const made = await syncRunMaintenance(runId, { clock });
  if (made.state === "failed")
    throw new DeliveryError(`The run's Statuspage maintenance could not be made: ${made.error}`, {
      permanent: !made.retryable,
    });
  if (made.state === "none") return null;
  return db().runMaintenance.findUnique({ where: { runId } });
}

/**
 * A status-page announcement of a run that has a scheduled maintenance on that page updates
 * the maintenance instead of opening an incident of its own: with the announcement's words,
 * and the status the run is at (commencement moves it to in progress, a result completes
 * it). What was sent is remembered on the maintenance row as the sync's own request, so the
 * minute sweep does not post the same step again in its standard words. Null when the run
 * has no maintenance for this page: the announcement then goes out as before.
 */
export async function deliverOnRunMaintenance(
  n: Notification,
  opts: { clock?: Clock } = {},
): Promise<Delivered | null> {
  if (n.channel !== "statuspage") return null;
  const clock = opts.clock ?? systemClock;
  const run = await db().run.findUnique({ where: { id: n.runId } });
  if (!run?.windowStart || (await statusPageOf(run.id)) !== n.target) return null;
  const row = await maintenanceWithId(run.id, clock);
  if (!row?.incidentId || row.target !== n.target) return null;
  const target = await resolveTarget("statuspage", n.target, run);
  if (!target.ok || target.channel !== "statuspage")
    throw new DeliveryError(target.ok ? "Not a status page." : target.problem, { permanent: true });
  const page = { baseUrl: target.baseUrl, apiKey: target.apiKey, pageId: target.config.pageId };
  const commencing = await announcesCommencement(n.itemId);
  const now = clock();

  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`maintenance:${run.id}`}, 0))`;
      const current = await tx.runMaintenance.findUniqueOrThrow({ where: { runId: run.id } });
      const desired = await desiredForRun(run, now, commencing || UNDER_WAY.includes(current.status));
      if (!desired || !current.incidentId) throw new DeliveryError("The run's maintenance is gone.");
      const put = await putMaintenance(page, { ...desired, body: n.message }, current.incidentId);
      await tx.runMaintenance.update({
        where: { runId: run.id },
        data: {
          status: put.status,
          syncedKey: maintenanceKey(page.pageId, desired),
          syncedAt: now,
          attempts: 0,
          lastError: null,
          updatedAt: now,
        },
      });
      await appendAuditEvent(tx, {
        runId: run.id,
        actorId: null,
        action: "maintenance.updated",
        itemId: n.itemId,
        payload: {
          target: n.target,
          incidentId: put.incidentId,
          status: put.status,
          body: n.message,
          byAnnouncement: n.id,
          scheduledFor: desired.scheduledFor,
          scheduledUntil: desired.scheduledUntil,
        },
        at: now,
      });
      return {
        summary: `Statuspage incident ${put.incidentId} (the run's scheduled maintenance) updated (${put.status})`,
        response: {
          incidentId: put.incidentId,
          incidentStatus: put.status,
          action: "maintenance-updated",
          maintenance: true,
        },
      };
    },
    { timeout: 2 * env().INTEGRATION_HTTP_TIMEOUT_MS + 5_000, maxWait: 10_000 },
  );
}
