"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import type { PersonRef, RunView } from "@/lib/runs/run-view";
import { renderTokens } from "@/lib/templates/render-tokens";
import { useIsClient } from "@/components/ui/use-is-client";
import { fieldTokenValues } from "@/lib/format/field-tokens";
import { useRun } from "@/components/runs/use-run";
import { useLiveRun } from "@/components/runs/use-live-run";
import { RunSectionCard } from "@/components/runs/run-section-card";
import { useNow } from "@/components/runs/use-now";
import { CockpitBar } from "@/components/runs/cockpit/cockpit-bar";
import { NextUp } from "@/components/runs/cockpit/next-up";
import { RunHeading } from "@/components/runs/cockpit/run-heading";
import { useSectionTimings } from "@/components/runs/cockpit/use-section-timings";
import { useRefusalToast } from "@/components/runs/cockpit/use-refusal-toast";
import dynamic from "next/dynamic";
import { useChecklistKeys } from "@/components/runs/cockpit/use-checklist-keys";

// Loaded the first time someone presses ?.
const KeyboardHelp = dynamic(
  () => import("@/components/runs/cockpit/keyboard-help").then((m) => m.KeyboardHelp),
  {
    ssr: false,
  },
);

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
  const others = viewers.filter((v) => v.id !== me.id);
  const [onlyMine, setOnlyMine] = useState(false);
  const [help, setHelp] = useState(false);
  const checklist = useRef<HTMLDivElement>(null);
  const openHelp = useCallback(() => setHelp(true), [setHelp]);
  useChecklistKeys(checklist, openHelp);
  const itemsBySection = useMemo(() => {
    const by = new Map<string, RunView["items"]>();
    for (const i of run.items) by.set(i.sectionId, [...(by.get(i.sectionId) ?? []), i]);
    return by;
  }, [run.items]);
  const readOnly = !canWrite || run.status !== "open";
  const now = useNow(1000);
  const { sectionDone, timings } = useSectionTimings(run, itemsBySection, now);
  // A field not yet recorded shows as its label, so the text still reads as a sentence.
  // Recorded values read through their type (a window in the viewer's zone), like everywhere else.
  const isClient = useIsClient();
  const tokenValues = useMemo(
    () => fieldTokenValues(run.fieldDefs, run.fields, { timeZone: isClient ? undefined : "UTC" }),
    [run.fieldDefs, run.fields, isClient],
  );
  const render = useCallback((text: string) => renderTokens(text, tokenValues), [tokenValues]);

  useRefusalToast(notice);

  return (
    <div className="space-y-4">
      <a
        href="#checklist"
        className="sr-only rounded bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to checklist
      </a>
      <RunHeading run={run} others={others} readOnly={readOnly} canAudit={canAudit} />

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
