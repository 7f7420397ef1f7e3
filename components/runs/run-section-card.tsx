"use client";

import type { PersonRef, RunItemView, RunSectionView } from "@/lib/runs/run-view";
import { formatDuration, progressOf, spanOf } from "@/lib/runs/elapsed";
import { RunItemRow, type OnItemMutate } from "@/components/runs/run-item-row";

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
}) {
  const { section, items } = props;
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
          />
        ))}
      </ul>
    </section>
  );
}
