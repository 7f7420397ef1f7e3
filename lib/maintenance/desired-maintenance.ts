/**
 * What a run's Statuspage scheduled maintenance should say now. Pure: the sync compares it
 * with what Statuspage last accepted and sends only a difference.
 *
 * - window set, before it starts: "scheduled" for the window;
 * - from the window's start, or from an announcement of commencement, until a result:
 *   "in_progress"; once in progress it never goes back to "scheduled";
 * - SUCCEEDED: "completed";
 * - NO GO: "completed", saying the change was called off;
 * - FAILED: "in_progress" while backing off, "completed" once the back-off is done (or when
 *   the template has none, once the run is closed), saying it was rolled back.
 */

export type MaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";

export type MaintenanceInput = {
  runNumber: number;
  title: string;
  windowStart: Date | null;
  windowEnd: Date | null;
  result: string | null;
  /** The back-off step: absent from the template, still open, or done / not needed. */
  backoff: "none" | "open" | "done";
  closed: boolean;
  /** Commencement was announced (or Statuspage already shows the maintenance under way). */
  commenced?: boolean;
  now: Date;
};

export type DesiredMaintenance = {
  name: string;
  status: MaintenanceStatus;
  body: string;
  scheduledFor: string;
  scheduledUntil: string;
};

/** A window without an end is taken to last this long. */
export const DEFAULT_WINDOW_MINUTES = 120;

export const MAINTENANCE_WORDS = {
  scheduled: "This maintenance is scheduled; we will post here when it starts.",
  inProgress: "The maintenance is in progress.",
  succeeded: "The maintenance has been completed successfully.",
  noGo: "The maintenance was called off before any change was made; the service runs as before.",
  rollingBack: "The change did not succeed; we are rolling it back.",
  rolledBack: "The change did not succeed and has been rolled back; the service runs as before.",
} as const;

export function desiredMaintenance(r: MaintenanceInput): DesiredMaintenance | null {
  if (!r.windowStart) return null;
  const end = r.windowEnd ?? new Date(r.windowStart.getTime() + DEFAULT_WINDOW_MINUTES * 60_000);
  const base = {
    name: `Maintenance: #${r.runNumber} ${r.title}`,
    scheduledFor: r.windowStart.toISOString(),
    scheduledUntil: end.toISOString(),
  };
  const say = (status: MaintenanceStatus, body: string) => ({ ...base, status, body });
  if (r.result === "SUCCEEDED") return say("completed", MAINTENANCE_WORDS.succeeded);
  if (r.result === "NO GO") return say("completed", MAINTENANCE_WORDS.noGo);
  if (r.result === "FAILED")
    return r.backoff === "done" || (r.backoff === "none" && r.closed)
      ? say("completed", MAINTENANCE_WORDS.rolledBack)
      : say("in_progress", MAINTENANCE_WORDS.rollingBack);
  if (r.now >= r.windowStart || r.commenced) return say("in_progress", MAINTENANCE_WORDS.inProgress);
  return say("scheduled", MAINTENANCE_WORDS.scheduled);
}
