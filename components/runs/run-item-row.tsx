"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import type { PersonRef, RunItemView } from "@/lib/runs/run-view";
import { ItemBodyView } from "@/components/templates/item-body-view";
import { LazyMarkdownBody } from "@/components/runs/item/lazy-panels";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { Button } from "@/components/ui/button";
import { SkipForm } from "@/components/runs/flow/skip-form";
import { DoneOutsideForm } from "@/components/runs/flow/done-outside-form";
import { ItemCheck } from "@/components/runs/item/item-check";
import { ItemTitle } from "@/components/runs/item/item-title";
import { ItemEvidence, RunningStopwatch } from "@/components/runs/item/item-evidence";
import { ItemNote } from "@/components/runs/item/item-note";
import { ItemAssignee } from "@/components/runs/item/item-assignee";
import { ItemFlowPanels } from "@/components/runs/item/item-flow-panels";
import type { ItemFlow, OnItemMutate } from "@/components/runs/item/item-types";

export type { ItemFlow, OnItemMutate } from "@/components/runs/item/item-types";

type Editing = "note" | "assign" | "skip" | null;

/**
 * One checklist item: its box, text, evidence and flow panels, with the secondary actions
 * (assign, note, skip) in a menu. The row itself takes focus (j/k move between rows) and
 * answers x or Space (tick), n (note) and a (assign); focus comes back to it after each.
 */
export function RunItemRow(props: {
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
}) {
  const { item, readOnly, onMutate } = props;
  const { run } = props.flow;
  const row = useRef<HTMLLIElement>(null);
  const [editing, setEditingState] = useState<Editing>(null);
  // The box follows the click at once; the cache's optimistic update lands a moment later.
  const [intent, setIntent] = useState<{ version: number; done: boolean } | null>(null);
  const [wasPending, setWasPending] = useState(props.pending);
  if (wasPending !== props.pending) {
    setWasPending(props.pending);
    // Settled (saved, refused or conflicted): the item itself is the truth again.
    if (!props.pending) setIntent(null);
  }
  const done = item.state === "done";
  const open = item.state === "open";
  const text = props.render(item.text);
  const availability = run.availability?.[item.id];
  // Locked by the run's order, a branch, a result: the same answer the server gives a writer.
  const locked = open && !!availability && !availability.available;
  const inactive = readOnly || item.state === "not_taken" || item.state === "skipped";
  // These are ticked by what they record: a decision, a value, a child run's completion, a step's run.
  const tickedByFlow =
    item.kind === "decision" ||
    item.kind === "link" ||
    item.kind === "automation" ||
    (item.kind === "record" && !item.spec.recordValue);
  const canTick = !locked && !inactive && !tickedByFlow;
  const editable = !readOnly && item.state !== "not_taken";

  function setEditing(next: Editing) {
    setEditingState(next);
    // Back to the row when an editor closes, so the keyboard carries on from here.
    if (next === null) requestAnimationFrame(() => row.current?.focus());
  }
  function toggle(toDone: boolean) {
    setIntent({ version: item.version, done: toDone });
    onMutate({ type: "tick", item, done: toDone });
  }

  function onKeyDown(e: KeyboardEvent<HTMLLIElement>) {
    const onRow = e.target === row.current;
    const onBox = e.target instanceof HTMLInputElement && e.target.type === "checkbox";
    if (!onRow && !onBox) return;
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.key === "x" || (e.key === " " && onRow)) {
      e.preventDefault();
      if (canTick && !props.pending) toggle(!done);
    } else if (e.key === "n" && editable) {
      e.preventDefault();
      setEditingState("note");
    } else if (e.key === "a" && editable) {
      e.preventDefault();
      setEditingState("assign");
    }
  }

  const menu: MenuItem[] = editable
    ? [
        { label: item.assignee ? "Reassign…" : "Assign…", onSelect: () => setEditingState("assign") },
        { label: item.note ? "Edit note" : "Add note", onSelect: () => setEditingState("note") },
        ...(open && !locked && item.kind !== "decision"
          ? [{ label: "Skip…", onSelect: () => setEditingState("skip") }]
          : []),
      ]
    : [];

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
          {!props.compact && (
            <ItemBodyView
              spec={item.spec}
              fields={run.fieldDefs}
              values={run.fields}
              Markdown={LazyMarkdownBody}
            />
          )}
          {!props.compact && item.spec.message && (
            <blockquote className="mt-1 border-l-4 border-sky-300 pl-3 text-sm text-slate-700">
              {props.render(item.spec.message)}
            </blockquote>
          )}
          {!props.compact && item.spec.linkTemplate && (
            <p className="mt-1 text-xs text-slate-600">
              Child checklist from “{props.render(item.spec.linkTemplate)}”
            </p>
          )}
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
            {item.kind === "stopwatch" &&
              open &&
              (item.startedAt ? (
                <RunningStopwatch startedAt={item.startedAt} />
              ) : (
                !readOnly &&
                !locked && (
                  <Button
                    variant="link"
                    className="text-xs text-amber-900"
                    disabled={props.pending}
                    onClick={() => onMutate({ type: "start", item })}
                  >
                    Start clock
                  </Button>
                )
              ))}
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
