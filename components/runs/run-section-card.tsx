"use client";

import type { PersonRef, RunItemView, RunSectionView } from "@/lib/runs/run-view";
import { formatDuration, progressOf, spanOf } from "@/lib/runs/elapsed";
import { RunItemRow, type ItemFlow, type OnItemMutate } from "@/components/runs/run-item-row";
import type { SectionSchedule } from "@/lib/runs/schedule";
import { LocalTime } from "@/components/ui/local-time";

const timingStyle: Record<string, string> = {
  upcoming: "bg-slate-100 text-slate-700",
  due: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-900",
  done: "bg-emerald-100 text-emerald-900",
};

const branchLabel: Record<string, string> = { go: "GO branch", no_go: "NO GO branch" };

export function RunSectionCard(props: {
  section: RunSectionView;
  items: RunItemView[];
  fields: Record<string, string>;
  people: PersonRef[];
  pendingIds: Set<string | undefined>;
  readOnly: boolean;
  filter?: (item: RunItemView) => boolean;
  onMutate: OnItemMutate;
  render: (text: string) => string;
  timing?: SectionSchedule;
  flow: ItemFlow;
}) {
  const { section, items } = props;
  const notTaken = items.length > 0 && items.every((i) => i.state === "not_taken" || i.state === "done");
  const branchNotTaken = section.branch && items.some((i) => i.state === "not_taken") && notTaken;
  const progress = progressOf(items);
  const span = spanOf(items);
  const shown = props.filter ? items.filter(props.filter) : items;
  if (props.filter && shown.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid={`section-${section.key}`}>
      <header className="flex flex-wrap items-baseline gap-3 border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">{section.title}</h2>
        {section.offsetLabel && (
          <span
            className="rounded bg-sky-100 px-2 py-0.5 text-xs text-sky-900"
            title={`${section.offsetMinutes} minutes from the window`}
          >
            {section.offsetLabel}
          </span>
        )}
        {section.branch && (
          <span className="rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-900">
            {branchLabel[section.branch]}
          </span>
        )}
        {branchNotTaken && (
          <span
            className="rounded bg-slate-700 px-2 py-0.5 text-xs text-white"
            data-testid="branch-not-taken"
          >
            not taken
          </span>
        )}
        {props.timing?.timing && props.timing.dueAt && !branchNotTaken && (
          <span
            className={`rounded px-2 py-0.5 text-xs ${timingStyle[props.timing.timing]}`}
            data-testid="section-timing"
          >
            {props.timing.timing} · <LocalTime iso={props.timing.dueAt} />
          </span>
        )}
        <span className="ml-auto text-sm text-slate-600" data-testid="section-progress">
          {progress.done}/{progress.total} · {formatDuration(span?.elapsedMs)}
        </span>
      </header>
      <ul className="divide-y divide-slate-100">
        {shown.map((item) => (
          <RunItemRow
            key={item.id}
            item={item}
            sectionKey={section.key}
            people={props.people}
            pending={props.pendingIds.has(item.id)}
            readOnly={props.readOnly}
            onMutate={props.onMutate}
            render={props.render}
            flow={props.flow}
          />
        ))}
      </ul>
    </section>
  );
}
