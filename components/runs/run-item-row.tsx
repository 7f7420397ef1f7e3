"use client";

import { useRef, useState } from "react";
import type { PersonRef, RunItemView } from "@/lib/runs/run-view";
import { Menu } from "@/components/ui/menu";
import { SkipForm } from "@/components/runs/flow/skip-form";
import { DoneOutsideForm } from "@/components/runs/flow/done-outside-form";
import { ItemCheck } from "@/components/runs/item/item-check";
import { ItemTitle } from "@/components/runs/item/item-title";
import { ItemEvidence } from "@/components/runs/item/item-evidence";
import { ItemDetails } from "@/components/runs/item/item-details";
import { StopwatchControl } from "@/components/runs/item/stopwatch-control";
import { itemControls } from "@/components/runs/item/item-controls";
import { itemMenu, rowKeyHandler, useTickIntent, type Editing } from "@/components/runs/item/row-behaviour";
import { ItemNote } from "@/components/runs/item/item-note";
import { ItemAssignee } from "@/components/runs/item/item-assignee";
import { ItemFlowPanels } from "@/components/runs/item/item-flow-panels";
import type { ItemFlow, OnItemMutate } from "@/components/runs/item/item-types";

export type { ItemFlow, OnItemMutate } from "@/components/runs/item/item-types";

type RunItemRowProps = {
  item: RunItemView;
  sectionKey: string;
  people: PersonRef[];
  pending: boolean;
  readOnly: boolean;
  onMutate: OnItemMutate;
  render: (text: string) => string;
  flow: ItemFlow;
  overdue?: boolean;
  conflict?: string | null;
  /** In a finished phase: the item's line and evidence, without its body and instructions. */
  compact?: boolean;
};

/**
 * One checklist item: its box, text, evidence and flow panels, with the secondary actions
 * (assign, note, skip) in a menu. The row itself takes focus (j/k move between rows) and
 * answers x or Space (tick), n (note) and a (assign); focus comes back to it after each.
 */
export function RunItemRow(props: RunItemRowProps) {
  const { item, readOnly, onMutate } = props;
  const { run } = props.flow;
  const row = useRef<HTMLLIElement>(null);
  const [editing, setEditingState] = useState<Editing>(null);
  const [intent, setIntent] = useTickIntent(props.pending);
  const text = props.render(item.text);
  const availability = run.availability?.[item.id];
  const { done, open, locked, inactive, tickedByFlow, canTick, editable } = itemControls(
    item,
    availability,
    readOnly,
  );

  function setEditing(next: Editing) {
    setEditingState(next);
    // Back to the row when an editor closes, so the keyboard carries on from here.
    if (next === null) requestAnimationFrame(() => row.current?.focus());
  }
  function toggle(toDone: boolean) {
    setIntent({ version: item.version, done: toDone });
    onMutate({ type: "tick", item, done: toDone });
  }

  const onKeyDown = rowKeyHandler({
    canTick: canTick && !props.pending,
    editable,
    onTick: () => toggle(!done),
    onEdit: setEditingState,
  });
  const menu = itemMenu(item, { editable, open, locked }, setEditingState);

  return (
    <li
      ref={row}
      id={`item-${item.id}`}
      tabIndex={-1}
      data-item-row
      onKeyDown={onKeyDown}
      className={`scroll-mt-40 px-4 target:bg-amber-50 ${props.compact ? "py-1" : "py-2"} focus:bg-sky-50 ${props.conflict ? "bg-amber-50" : ""}`}
      style={{ paddingLeft: `${1 + item.depth * 1.25}rem` }}
      data-testid={`item-${props.sectionKey}-${item.path}`}
      data-state={item.state}
      data-locked={locked ? "true" : undefined}
    >
      <div className="flex items-start gap-3">
        <ItemCheck
          item={item}
          text={text}
          locked={locked}
          checked={intent && intent.version === item.version ? intent.done : done}
          disabled={inactive || tickedByFlow}
          pending={props.pending}
          onToggle={toggle}
        />
        <div className="min-w-0 flex-1">
          <div className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <ItemTitle item={item} text={text} overdue={!!props.overdue && open} />
            </div>
            {menu.length > 0 && <Menu label={`More actions for ${item.path}`} items={menu} />}
          </div>
          {props.conflict && (
            <p
              role="alert"
              className="mt-1 rounded border border-amber-500 bg-amber-50 p-2 text-sm text-amber-900"
            >
              {props.conflict}
            </p>
          )}
          {!props.compact && <ItemDetails item={item} run={run} render={props.render} />}
          <ItemFlowPanels
            item={item}
            flow={props.flow}
            availability={availability}
            locked={locked}
            readOnly={readOnly}
          />
          <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
            <ItemEvidence item={item} pending={props.pending} />
            {open && !readOnly && !locked && item.kind === "automation" && (
              <DoneOutsideForm runId={run.id} runNumber={run.number} item={item} />
            )}
            {item.kind === "stopwatch" && open && (
              <StopwatchControl
                item={item}
                canStart={!readOnly && !locked}
                pending={props.pending}
                onStart={() => onMutate({ type: "start", item })}
              />
            )}
            <ItemAssignee
              item={item}
              people={props.people}
              editing={editing === "assign"}
              onAssign={(assignee) => onMutate({ type: "assign", item, assignee })}
              onDone={() => setEditing(null)}
            />
          </div>
          {editing === "skip" && (
            <SkipForm runId={run.id} runNumber={run.number} item={item} onClose={() => setEditing(null)} />
          )}
          <ItemNote
            item={item}
            editing={editing === "note"}
            onSave={(note) => {
              onMutate({ type: "note", item, note });
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        </div>
      </div>
    </li>
  );
}
