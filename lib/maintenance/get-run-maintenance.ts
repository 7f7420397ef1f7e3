import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";

export type RunMaintenanceView = {
  target: string;
  incidentId: string | null;
  status: string | null;
  syncedAt: string | null;
  /** Why the last attempt failed; it is tried again every minute. */
  lastError: string | null;
  attempts: number;
};

/** The run's Statuspage maintenance, or null when none was ever attempted. */
export async function getRunMaintenance({
  actor,
  runId,
}: {
  actor: Actor | null;
  runId: string;
}): Promise<RunMaintenanceView | null> {
  const run = await db().run.findFirst({
    where: { id: runId, ...runReadScope(actor) },
    select: { maintenance: true },
  });
  if (!run) throw new NotFoundError("That run does not exist.");
  const m = run.maintenance;
  if (!m) return null;
  return {
    target: m.target,
    incidentId: m.incidentId,
    status: m.status,
    syncedAt: m.syncedAt?.toISOString() ?? null,
    lastError: m.lastError,
    attempts: m.attempts,
  };
}
