import type { AutomationView } from "@/lib/aws/automation-view";
import { LocalTime } from "@/components/ui/local-time";

type StackEvent = {
  at?: string;
  logicalResourceId?: string;
  resourceType?: string;
  status?: string;
  reason?: string;
};

const statusStyle: Record<AutomationView["status"], string> = {
  queued: "text-slate-700",
  running: "text-amber-800",
  succeeded: "text-emerald-800",
  failed: "text-red-800",
};

/** The provider's answers that prove what happened, in the words of each step. */
function facts(ex: AutomationView): [string, unknown][] {
  const e = ex.evidence ?? {};
  const blue = e.blue as { desired?: number; inService?: number } | undefined;
  const green = e.green as { name?: string; desired?: number } | undefined;
  const previous = e.previous as Record<string, { dnsName: string }> | undefined;
  const rows: [string, unknown][] = [
    ["Backup job", e.backupJobId],
    ["Backup state", e.state],
    ["Recovery point", e.recoveryPointArn],
    ["Stack status", e.stackStatus],
    [
      "Container version",
      e.containerVersion && `${e.previousContainerVersion ?? "?"} → ${e.containerVersion}`,
    ],
    ["Green desired", green && `${green.desired} (${green.name})`],
    ["Blue in service", blue && `${blue.inService} of ${blue.desired}`],
    ["Healthy targets", e.healthyTargets],
    ["DNS change", e.changeId && `${e.changeId} ${e.changeStatus ?? ""}`],
    ["Alias to", e.aliasTo],
    [
      "Alias before",
      previous &&
        Object.entries(previous)
          .map(([t, a]) => `${t} → ${a.dnsName}`)
          .join(", "),
    ],
    ["Followed", e.adopted],
    ["Already done", e.alreadyDone],
    ["Missing settings", ex.missing.length ? ex.missing.join(", ") : undefined],
    [
      "Tests",
      e.httpStatus !== undefined
        ? `${e.passed === undefined ? "running" : e.passed ? "passed" : "failed"} (HTTP ${e.httpStatus})`
        : undefined,
    ],
  ];
  return rows.filter(([, v]) => v !== undefined && v !== null && v !== "");
}

export function ExecutionStatus(props: { execution: AutomationView }) {
  const ex = props.execution;
  const events = (ex.evidence?.events ?? []) as StackEvent[];
  // What the step looked at before acting (live infrastructure), kept whether it acted or refused.
  const checks = (ex.evidence?.checks ?? []) as { check: string; ok: boolean; saw: string }[];
  return (
    <div data-testid="automation-status" data-status={ex.status} className="mt-1 text-xs">
      <p className={statusStyle[ex.status]}>
        <span className="font-medium">
          {ex.dryRun
            ? ex.evidence?.rehearsal
              ? `Rehearsal dry run, nothing called: ${ex.status}`
              : "Dry run"
            : ex.status}
        </span>
        {ex.startedAt && (
          <>
            {" "}
            · started <LocalTime iso={ex.startedAt} withSeconds />
          </>
        )}
        {ex.finishedAt && !ex.dryRun && (
          <>
            {" "}
            · finished <LocalTime iso={ex.finishedAt} withSeconds />
          </>
        )}
      </p>
      {ex.error && (
        <p role="alert" className="mt-0.5 text-red-800">
          {ex.error}
        </p>
      )}
      {facts(ex).length > 0 && (
        <dl data-testid="automation-evidence" className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3">
          {facts(ex).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all font-mono">{String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {checks.length > 0 && (
        <ul data-testid="automation-checks" aria-label="Pre-checks" className="mt-1 space-y-0.5">
          {checks.map((c, i) => (
            <li key={i} data-ok={c.ok} className={c.ok ? "text-emerald-800" : "text-red-800"}>
              <span aria-hidden>{c.ok ? "✓" : "✗"}</span> {c.check} — saw {c.saw}
            </li>
          ))}
        </ul>
      )}
      {events.length > 0 && (
        <table data-testid="stack-events" className="mt-1 w-full text-left text-[11px]">
          <thead className="text-slate-600">
            <tr>
              <th>Time</th>
              <th>Resource</th>
              <th>Status</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.map((ev, i) => (
              <tr key={i} className={/FAILED|ROLLBACK/.test(ev.status ?? "") ? "text-red-800" : ""}>
                <td>{ev.at && <LocalTime iso={ev.at} withSeconds />}</td>
                <td className="font-mono">{ev.logicalResourceId}</td>
                <td className="font-mono">{ev.status}</td>
                <td>{ev.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
