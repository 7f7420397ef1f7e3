"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { PersonRef, RunView } from "@/lib/runs/run-view";
import { renderTokens } from "@/lib/templates/render-tokens";
import { LocalTime } from "@/components/ui/local-time";
import { FieldValue } from "@/components/ui/field-value";
import { useIsClient } from "@/components/ui/use-is-client";
import { fieldTokenValues } from "@/lib/format/field-tokens";
import { useToast } from "@/components/ui/toast";
import { useRun } from "@/components/runs/use-run";
import { useLiveRun } from "@/components/runs/use-live-run";
import { RunSectionCard } from "@/components/runs/run-section-card";
import { RunAssignees } from "@/components/runs/run-assignees";
import { RunFlowHeader } from "@/components/runs/run-flow-header";
import { useNow } from "@/components/runs/use-now";
import { scheduleSections } from "@/lib/runs/schedule";
import { CockpitBar } from "@/components/runs/cockpit/cockpit-bar";
import { NextUp } from "@/components/runs/cockpit/next-up";
import dynamic from "next/dynamic";
import { useChecklistKeys } from "@/components/runs/cockpit/use-checklist-keys";

// Loaded the first time someone presses ?.
const KeyboardHelp = dynamic(
  () => import("@/components/runs/cockpit/keyboard-help").then((m) => m.KeyboardHelp),
  {
    ssr: false,
  },
);

/** Moves focus to an item's row, opening its phase if it was collapsed. */
function jumpTo(itemId: string) {
  const row = document.getElementById(`item-${itemId}`);
  if (!row) return;
  row.focus();
  row.scrollIntoView({ block: "center" });
}

export function RunChecklist({
  initial,
  me,
  canWrite,
  canDecide,
  canAudit,
  roster,
}: {
  initial: RunView;
  me: PersonRef;
  canWrite: boolean;
  canDecide: boolean;
  /** Whether the viewer may open the audit view (no link to a page that answers 403). */
  canAudit: boolean;
  /** The acknowledgement roster, shown under the header. */
  roster?: ReactNode;
}) {
  const { run, mutate, pendingIds, queued, notice } = useRun(initial, me);
  const { viewers } = useLiveRun(initial.number);
  const toast = useToast();
  const others = viewers.filter((v) => v.id !== me.id);
  const [onlyMine, setOnlyMine] = useState(false);
  const [help, setHelp] = useState(false);
  const checklist = useRef<HTMLDivElement>(null);
  const openHelp = useCallback(() => setHelp(true), [setHelp]);
  useChecklistKeys(checklist, openHelp);
  const overview = run.fieldDefs.filter((f) => f.source === "overview");
  const itemsBySection = useMemo(() => {
    const by = new Map<string, RunView["items"]>();
    for (const i of run.items) by.set(i.sectionId, [...(by.get(i.sectionId) ?? []), i]);
    return by;
  }, [run.items]);
  const readOnly = !canWrite || run.status !== "open";
  const now = useNow(1000);
  // A branch not taken is not "done": it shows as not taken, without a timing.
  const sectionDone = useCallback(
    (sectionId: string) => {
      const items = itemsBySection.get(sectionId) ?? [];
      return items.some((i) => i.state !== "not_taken") && items.every((i) => i.state !== "open");
    },
    [itemsBySection],
  );
  const slot = Math.floor(now.getTime() / 15_000);
  const timings = useMemo(() => {
    const schedule = scheduleSections(run.sections, {
      windowStart: run.window ? new Date(run.window.start) : null,
      timeZone: run.window?.timeZone,
      // Timing badges need not change every second.
      now: new Date(slot * 15_000),
      isComplete: sectionDone,
    });
    return new Map(schedule.map((s) => [s.id, s]));
  }, [run.sections, run.window, sectionDone, slot]);
  // A field not yet recorded shows as its label, so the text still reads as a sentence.
  // Recorded values read through their type (a window in the viewer's zone), like everywhere else.
  const isClient = useIsClient();
  const tokenValues = useMemo(
    () => fieldTokenValues(run.fieldDefs, run.fields, { timeZone: isClient ? undefined : "UTC" }),
    [run.fieldDefs, run.fields, isClient],
  );
  const render = useCallback((text: string) => renderTokens(text, tokenValues), [tokenValues]);

  // A refused change is shown on its item; the toast says so wherever the viewer is looking.
  useEffect(() => {
    if (!notice) return;
    toast({
      tone: "error",
      message: `${notice.path}: ${notice.kind === "conflict" ? "someone else changed it first" : "not saved"}`,
      action: { label: "Jump to item", onClick: () => jumpTo(notice.itemId) },
    });
  }, [notice, toast]);

  return (
    <div className="space-y-4">
      <a
        href="#checklist"
        className="sr-only rounded bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to checklist
      </a>
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

      <CockpitBar run={run} now={now} timings={timings} sectionDone={sectionDone} onHelp={openHelp} />

      {roster}

      <NextUp run={run} me={me} render={render} />

      {queued > 0 && (
        <p role="status" data-testid="queued" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm">
          {queued === 1 ? "1 change" : `${queued} changes`} queued, will send when back online.
        </p>
      )}

      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4"
          checked={onlyMine}
          onChange={(e) => setOnlyMine(e.target.checked)}
        />
        Only items assigned to me
      </label>

      <div
        ref={checklist}
        id="checklist"
        tabIndex={-1}
        className="space-y-4 outline-none"
        data-testid="checklist"
        aria-label="Checklist"
        role="region"
      >
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
            render={render}
            timing={timings.get(section.id)}
            flow={{ run, canDecide: canDecide && !readOnly, me }}
            notice={notice}
          />
        ))}
      </div>
      {help && <KeyboardHelp open onClose={() => setHelp(false)} />}
    </div>
  );
}
