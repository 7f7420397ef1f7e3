"use client";

import { useMemo, useState, type ReactNode } from "react";
import type { PersonRef, RunView } from "@/lib/runs/run-view";
import { formatDuration, progressOf, spanOf } from "@/lib/runs/elapsed";
import { renderTokens } from "@/lib/templates/render-tokens";
import { LocalTime } from "@/components/ui/local-time";
import { useRun } from "@/components/runs/use-run";
import { useLiveRun } from "@/components/runs/use-live-run";
import { RunSectionCard } from "@/components/runs/run-section-card";
import { RunAssignees } from "@/components/runs/run-assignees";
import { RunFlowHeader } from "@/components/runs/run-flow-header";
import { useNow } from "@/components/runs/use-now";
import { scheduleSections } from "@/lib/runs/schedule";

export function RunChecklist({
  initial,
  me,
  canWrite,
  canDecide,
  roster,
}: {
  initial: RunView;
  me: PersonRef;
  canWrite: boolean;
  canDecide: boolean;
  /** The acknowledgement roster, shown under the header. */
  roster?: ReactNode;
}) {
  const { run, mutate, pendingIds, queued, notice, dismissNotice } = useRun(initial, me);
  const { viewers } = useLiveRun(initial.number);
  const others = viewers.filter((v) => v.id !== me.id);
  const [onlyMine, setOnlyMine] = useState(false);
  const progress = progressOf(run.items);
  const total = spanOf(run.items);
  const overview = run.fieldDefs.filter((f) => f.source === "overview");
  const itemsBySection = useMemo(() => {
    const by = new Map<string, RunView["items"]>();
    for (const i of run.items) by.set(i.sectionId, [...(by.get(i.sectionId) ?? []), i]);
    return by;
  }, [run.items]);
  const readOnly = !canWrite || run.status !== "open";
  const now = useNow(1000);
  const timings = useMemo(() => {
    // A branch not taken is not "done": it shows as not taken, without a timing.
    const complete = (sectionId: string) => {
      const items = itemsBySection.get(sectionId) ?? [];
      return items.some((i) => i.state !== "not_taken") && items.every((i) => i.state !== "open");
    };
    const schedule = scheduleSections(run.sections, {
      windowStart: run.window ? new Date(run.window.start) : null,
      timeZone: run.window?.timeZone,
      // Timing badges need not change every second.
      now: new Date(Math.floor(now.getTime() / 15_000) * 15_000),
      isComplete: complete,
    });
    return new Map(schedule.map((s) => [s.id, s]));
  }, [run.sections, run.window, itemsBySection, now]);
  // A field not yet recorded shows as its label, so the text still reads as a sentence.
  const tokenValues = useMemo(
    () => ({ ...Object.fromEntries(run.fieldDefs.map((f) => [f.key, `‹${f.label}›`])), ...run.fields }),
    [run.fieldDefs, run.fields],
  );

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <div className="flex items-baseline gap-3">
          <span className="font-mono text-slate-500">#{run.number}</span>
          <h1 className="text-2xl font-semibold">{run.title}</h1>
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
        <RunFlowHeader run={run} now={now} editable={!readOnly} />
        <RunAssignees
          runId={run.id}
          runNumber={run.number}
          assignees={run.assignees}
          people={run.people}
          editable={!readOnly}
        />
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-3">
          {overview.map((f) => (
            <div key={f.key}>
              <dt className="text-slate-500">{f.label}</dt>
              <dd className="font-medium" data-testid={`field-${f.key}`}>
                {run.fields[f.key] ?? <span className="text-slate-400">not recorded</span>}
              </dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <div className="h-2 w-64 overflow-hidden rounded bg-slate-200" aria-hidden>
            <div
              className="h-full bg-emerald-600"
              style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }}
            />
          </div>
          <span data-testid="run-progress">
            {progress.done} of {progress.total} done
          </span>
          <span data-testid="run-elapsed">Elapsed: {formatDuration(total?.elapsedMs)}</span>
          <label className="ml-auto flex items-center gap-2">
            <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />
            Only items assigned to me
          </label>
        </div>
      </header>

      {roster}

      {queued > 0 && (
        <p role="status" data-testid="queued" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm">
          {queued === 1 ? "1 change" : `${queued} changes`} queued, will send when back online.
        </p>
      )}

      {notice && (
        <div
          role="alert"
          className={`flex items-start gap-3 rounded border p-3 text-sm ${notice.kind === "conflict" ? "border-amber-400 bg-amber-50" : "border-red-400 bg-red-50"}`}
        >
          <p className="flex-1">{notice.text}</p>
          <button type="button" onClick={dismissNotice} className="text-slate-500 hover:text-slate-900">
            Dismiss
          </button>
        </div>
      )}

      {run.sections.map((section) => (
        <RunSectionCard
          key={section.id}
          section={section}
          items={itemsBySection.get(section.id) ?? []}
          fields={run.fields}
          people={run.people}
          pendingIds={pendingIds}
          readOnly={readOnly}
          filter={onlyMine ? (i) => i.assignee?.id === me.id : undefined}
          onMutate={mutate}
          render={(text) => renderTokens(text, tokenValues)}
          timing={timings.get(section.id)}
          flow={{ run, canDecide: canDecide && !readOnly, me }}
        />
      ))}
    </div>
  );
}
