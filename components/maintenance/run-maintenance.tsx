import type { RunMaintenanceView } from "@/lib/maintenance/get-run-maintenance";

const WORDS: Record<string, string> = {
  scheduled: "scheduled",
  in_progress: "in progress",
  verifying: "verifying",
  completed: "completed",
};

/** One line on the run page: the run's Statuspage maintenance and, if the page could not be told, why. */
export function RunMaintenance({ maintenance: m }: { maintenance: RunMaintenanceView | null }) {
  if (!m) return null;
  return (
    <p
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm"
      data-testid="run-maintenance"
    >
      <span className="font-semibold">Status page maintenance</span> on {m.target}:{" "}
      {m.status ? (
        <span>
          {WORDS[m.status] ?? m.status} (id {m.incidentId})
        </span>
      ) : (
        <span className="text-slate-500">not created yet</span>
      )}
      {m.lastError && (
        <span className="block text-red-700">
          Last attempt failed: {m.lastError} — tried again every minute.
        </span>
      )}
    </p>
  );
}
