"use client";

import { useState } from "react";
import type { PersonRef, RunItemView, RunSectionView } from "@/lib/runs/run-view";
import { formatDuration, progressOf, spanOf } from "@/lib/runs/elapsed";
import { RunItemRow, type ItemFlow, type OnItemMutate } from "@/components/runs/run-item-row";
import type { SectionSchedule } from "@/lib/runs/schedule";
import { LocalTime } from "@/components/ui/local-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const timingTone: Record<string, BadgeTone> = {
  upcoming: "neutral",
  due: "warn",
  overdue: "bad",
  done: "good",
};

const branchLabel: Record<string, string> = { go: "GO branch", no_go: "NO GO branch" };

/**
 * One phase: its offset, branch, timing and items. A finished phase (nothing left open)
 * collapses to one line per item (who ticked it and when stay visible; bodies and
 * instructions fold away), and opens again on request.
 */
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
  notice?: { itemId: string; text: string } | null;
}) {
  const { section, items } = props;
  const [expanded, setExpanded] = useState<boolean | null>(null);
  const notTaken = items.length > 0 && items.every((i) => i.state === "not_taken" || i.state === "done");
  const branchNotTaken = section.branch && items.some((i) => i.state === "not_taken") && notTaken;
  const finished = items.length > 0 && items.every((i) => i.state !== "open");
  const noticeHere = !!props.notice && items.some((i) => i.id === props.notice!.itemId);
  const collapsed = !noticeHere && (expanded ?? finished);
  const progress = progressOf(items);
  const span = spanOf(items);
  const shown = props.filter ? items.filter(props.filter) : items;
  const overdue = props.timing?.timing === "overdue";
  if (props.filter && shown.length === 0) return null;
  const listId = `section-items-${section.key}`;
  return (
    <section
      id={`section-${section.key}`}
      className="scroll-mt-32 rounded-lg border border-slate-200 bg-white"
      data-testid={`section-${section.key}`}
      data-collapsed={collapsed ? "true" : undefined}
    >
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3">
        <h2 className="min-w-0 font-semibold break-words">{section.title}</h2>
        {section.offsetLabel && (
          <Badge
            tone="info"
            className="font-normal"
            title={`${section.offsetMinutes} minutes from the window`}
          >
            {section.offsetLabel}
          </Badge>
        )}
        {section.branch && (
          <Badge tone="decision" className="font-normal">
            {branchLabel[section.branch]}
          </Badge>
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
          <Badge tone={timingTone[props.timing.timing]} className="font-normal" data-testid="section-timing">
            {props.timing.timing} · <LocalTime iso={props.timing.dueAt} />
          </Badge>
        )}
        <span className="ml-auto text-sm text-slate-600" data-testid="section-progress">
          {progress.done}/{progress.total} · {formatDuration(span?.elapsedMs)}
        </span>
        {finished && (
          <button
            type="button"
            className="min-h-6 text-sm text-blue-700 underline"
            aria-expanded={!collapsed}
            aria-controls={listId}
            onClick={() => setExpanded(collapsed)}
          >
            {collapsed ? "Show details" : "Hide details"}
          </button>
        )}
      </header>
      <ul id={listId} className="divide-y divide-slate-100">
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
            overdue={overdue}
            compact={collapsed}
            conflict={props.notice?.itemId === item.id ? props.notice.text : null}
          />
        ))}
      </ul>
    </section>
  );
}
