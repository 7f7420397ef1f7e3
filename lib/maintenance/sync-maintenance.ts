import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { env } from "@/lib/env";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { systemClock, type Clock } from "@/lib/reminders/clock";
import type { ItemSpec } from "@/lib/runs/run-view";
import {
  desiredMaintenance,
  type DesiredMaintenance,
  type MaintenanceStatus,
} from "@/lib/maintenance/desired-maintenance";
import { findMaintenance, putMaintenance } from "@/lib/maintenance/statuspage-maintenance";

export type MaintenanceSync =
  | { state: "none"; reason: string }
  | { state: "unchanged"; status: string | null }
  | { state: "synced"; status: string; incidentId: string; created: boolean }
  | { state: "failed"; error: string; retryable: boolean };

/** The status page the run's announcements name (the first, if a template names several). */
export async function statusPageOf(runId: string): Promise<string | null> {
  const items = await db().runItem.findMany({
    where: { runId },
    select: { spec: true },
    orderBy: { position: "asc" },
  });
  for (const { spec } of items) {
    const s = spec as ItemSpec;
    const page = [...(s.channels ?? []), ...(s.channel ? [s.channel] : [])].find(
      (c) => c.type === "statuspage",
    );
    if (page) return page.target;
  }
  return null;
}

/** Whether the back-off step is absent, still open, or done (or skipped: nothing to undo). */
async function backoffState(runId: string): Promise<"none" | "open" | "done"> {
  const steps = (await db().runItem.findMany({ where: { runId, kind: "automation" } })).filter(
    (i) => (i.spec as ItemSpec).automation === "backoff",
  );
  if (!steps.length) return "none";
  return steps.every((i) => i.state === "done" || i.state === "skipped") ? "done" : "open";
}

/** Statuspage shows the maintenance under way (or over): it never goes back to "scheduled". */
export const UNDER_WAY: readonly (string | null)[] = ["in_progress", "verifying", "completed"];

/** What a request to Statuspage stood for: the same key is not sent twice. */
export function maintenanceKey(pageId: string, desired: DesiredMaintenance): string {
  return createHash("sha256").update(JSON.stringify({ pageId, desired })).digest("hex");
}

/** What the run's maintenance should say at `now`, from the run as it is. */
export async function desiredForRun(run: Run, now: Date, commenced: boolean) {
  return desiredMaintenance({
    runNumber: run.number,
    title: run.title,
    windowStart: run.windowStart,
    windowEnd: run.windowEnd,
    result: run.result,
    backoff: await backoffState(run.id),
    closed: run.status !== "open",
    commenced,
    now,
  });
}

const WINDOW_OVER = "The window is over: no maintenance is scheduled for a time that has gone.";

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Brings the run's Statuspage scheduled maintenance in line with the run: created when the
 * window is set, in progress from the window's start, completed (with the words for the
 * result) at the end. What Statuspage last accepted is kept as a hash of the request, so a
 * repeated sync sends nothing; an attempt that failed after Statuspage may have acted looks
 * the maintenance up by name before creating one. One instance at a time per run (an
 * advisory lock held over the call); the run's own lock only for the audit event.
 */
export async function syncRunMaintenance(
  runId: string,
  opts: { clock?: Clock } = {},
): Promise<MaintenanceSync> {
  const now = (opts.clock ?? systemClock)();
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run) return { state: "none", reason: "No such run." };
  const targetName = await statusPageOf(runId);
  if (!targetName) return { state: "none", reason: "The template names no status page." };
  const existing = await db().runMaintenance.findUnique({ where: { runId } });
  const desired = await desiredForRun(run, now, UNDER_WAY.includes(existing?.status ?? null));
  if (!desired) return { state: "none", reason: "The run has no maintenance window yet." };
  // A rehearsal's maintenance goes to the target's test page, or is not created at all.
  const target = await resolveTarget("statuspage", targetName, run);
  if (target.ok && target.channel === "captured")
    return { state: "none", reason: "A rehearsal with no test status page: no maintenance is scheduled." };
  if (!target.ok || target.channel !== "statuspage") {
    const problem = target.ok ? "not a status page" : target.problem;
    // A page never set up here is the settings page's business, not each run's; a maintenance
    // that exists and can no longer be reached is this run's, and is shown on it.
    if (!existing?.incidentId) return { state: "none", reason: problem };
    await remember(runId, targetName, { lastError: problem }, now);
    return { state: "failed", error: problem, retryable: false };
  }
  const page = { baseUrl: target.baseUrl, apiKey: target.apiKey, pageId: target.config.pageId };
  const key = maintenanceKey(page.pageId, desired);

  const timeout = 4 * env().INTEGRATION_HTTP_TIMEOUT_MS + 5_000;
  try {
    return await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`maintenance:${runId}`}, 0))`;
        const row = await tx.runMaintenance.findUnique({ where: { runId } });
        if (row?.syncedKey === key) return { state: "unchanged" as const, status: row.status };
        if (!row?.incidentId && (row?.attempts ?? 0) === 0 && new Date(desired.scheduledUntil) <= now)
          return { state: "none" as const, reason: WINDOW_OVER };
        // An earlier attempt that failed may have created it before its answer was lost.
        const known =
          row?.incidentId ??
          (row && row.attempts > 0 ? await findMaintenance(page, desired.name) : undefined);
        const put = await putMaintenance(page, desired, known ?? null);
        const data = {
          target: targetName,
          incidentId: put.incidentId,
          status: put.status,
          syncedKey: key,
          syncedAt: now,
          attempts: 0,
          lastError: null,
          updatedAt: now,
        };
        await tx.runMaintenance.upsert({ where: { runId }, create: { runId, ...data }, update: data });
        await appendAuditEvent(tx, {
          runId,
          actorId: null,
          action: put.created ? "maintenance.created" : "maintenance.updated",
          payload: {
            target: targetName,
            incidentId: put.incidentId,
            status: put.status as MaintenanceStatus,
            body: desired.body,
            scheduledFor: desired.scheduledFor,
            scheduledUntil: desired.scheduledUntil,
            ...(known && !row?.incidentId ? { foundAfterLostAnswer: true } : {}),
          },
          at: now,
        });
        return {
          state: "synced" as const,
          status: put.status,
          incidentId: put.incidentId,
          created: put.created,
        };
      },
      { timeout, maxWait: 10_000 },
    );
  } catch (err) {
    const error = errorText(err);
    await remember(runId, targetName, { lastError: error, attempts: { increment: 1 } }, now);
    return { state: "failed", error, retryable: !(err instanceof DeliveryError && err.permanent) };
  }
}

async function remember(
  runId: string,
  target: string,
  data: { lastError: string; attempts?: { increment: number } },
  now: Date,
) {
  await db().runMaintenance.upsert({
    where: { runId },
    create: { runId, target, lastError: data.lastError, attempts: data.attempts ? 1 : 0, updatedAt: now },
    update: { target, ...data, updatedAt: now },
  });
}

/**
 * Every run whose maintenance may need a change: open runs with a window, and closed ones
 * whose maintenance is not completed yet. Failures are kept on the row and tried next time.
 */
export async function syncMaintenances(opts: { clock?: Clock } = {}): Promise<MaintenanceSync[]> {
  const runs = await db().run.findMany({
    where: {
      OR: [
        { status: "open", windowStart: { not: null } },
        { maintenance: { is: { OR: [{ status: { not: "completed" } }, { status: null }] } } },
      ],
    },
    select: { id: true },
  });
  const out: MaintenanceSync[] = [];
  for (const { id } of runs) out.push(await syncRunMaintenance(id, opts));
  return out;
}
