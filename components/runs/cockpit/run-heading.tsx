"use client";

import type { RunView } from "@/lib/runs/run-view";
import { LocalTime } from "@/components/ui/local-time";
import { FieldValue } from "@/components/ui/field-value";
import { RunAssignees } from "@/components/runs/run-assignees";
import { RunFlowHeader } from "@/components/runs/run-flow-header";

/** The run's title, origin, who else is looking, its result and window, completers and start fields. */
export function RunHeading({
  run,
  others,
  readOnly,
  canAudit,
}: {
  run: RunView;
  others: { id: string; name: string }[];
  readOnly: boolean;
  canAudit: boolean;
}) {
  const overview = run.fieldDefs.filter((f) => f.source === "overview");
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-mono text-slate-600">#{run.number}</span>
        <h1 className="min-w-0 text-2xl font-semibold break-words">{run.title}</h1>
        <span className="rounded bg-slate-200 px-2 py-0.5 text-xs uppercase">{run.status}</span>
      </div>
      <p className="text-sm text-slate-600">
        From {run.templateName} v{run.templateVersion} · started <LocalTime iso={run.createdAt} /> by{" "}
        {run.createdBy.name}
      </p>
      {others.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="presence">
          Also here: {others.map((v) => v.name).join(", ")}
        </p>
      )}
      <RunFlowHeader run={run} editable={!readOnly} canAudit={canAudit} />
      <RunAssignees
        runId={run.id}
        runNumber={run.number}
        assignees={run.assignees}
        people={run.people}
        editable={!readOnly}
      />
      {overview.length > 0 && (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 md:grid-cols-3">
          {overview.map((f) => (
            <div key={f.key} className="min-w-0 break-words">
              <dt className="text-slate-600">{f.label}</dt>
              <dd className="font-medium" data-testid={`field-${f.key}`}>
                <FieldValue field={f} value={run.fields[f.key]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </header>
  );
}
