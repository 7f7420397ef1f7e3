"use client";

import { useState } from "react";
import type { PersonRef, RunItemView, RunView } from "@/lib/runs/run-view";
import { DecisionPanel } from "@/components/runs/flow/decision-panel";
import { RecordForm } from "@/components/runs/flow/record-form";
import { ChildRunLink } from "@/components/runs/flow/child-run-link";
import { SkipForm } from "@/components/runs/flow/skip-form";
import { NotifyControls } from "@/components/runs/notify/notify-controls";
import { AutomationPanel } from "@/components/runs/automation/automation-panel";
import { ItemLock } from "@/components/runs/flow/item-lock";
import { DoneOutsideForm } from "@/components/runs/flow/done-outside-form";

/** What an item needs to know about its run to offer the flow's controls. */
export type ItemFlow = { run: RunView; canDecide: boolean; me: PersonRef };
import { formatDuration } from "@/lib/runs/elapsed";
import { LocalTime } from "@/components/ui/local-time";
import { ItemBody } from "@/components/templates/item-body";
import { LockIcon } from "@/components/ui/lock-icon";

export type OnItemMutate = (
  m:
    | { type: "tick"; item: RunItemView; done: boolean }
    | { type: "start"; item: RunItemView }
    | { type: "assign"; item: RunItemView; assignee: PersonRef | null }
    | { type: "note"; item: RunItemView; note: string },
) => void;

const kindStyle: Record<string, string> = {
  stopwatch: "bg-amber-100 text-amber-900",
  decision: "bg-violet-100 text-violet-900",
  notify: "bg-sky-100 text-sky-900",
  automation: "bg-emerald-100 text-emerald-900",
  link: "bg-pink-100 text-pink-900",
  record: "bg-slate-200 text-slate-800",
};

const channelLabel = { email: "Email list", slack: "Slack channel", statuspage: "Status page" } as const;

export function RunItemRow(props: {
  item: RunItemView;
  sectionKey: string;
  people: PersonRef[];
  pending: boolean;
  readOnly: boolean;
  onMutate: OnItemMutate;
  render: (text: string) => string;
  flow: ItemFlow;
}) {
  const { item, readOnly, onMutate } = props;
  const { run } = props.flow;
  const [editingNote, setEditingNote] = useState(false);
  // The box follows the click at once; the cache's optimistic update lands a moment later.
  const [intent, setIntent] = useState<{ version: number; done: boolean } | null>(null);
  const [wasPending, setWasPending] = useState(props.pending);
  if (wasPending !== props.pending) {
    setWasPending(props.pending);
    // Settled (saved, refused or conflicted): the item itself is the truth again.
    if (!props.pending) setIntent(null);
  }
  const done = item.state === "done";
  const boxChecked = intent && intent.version === item.version ? intent.done : done;
  const open = item.state === "open";
  const text = props.render(item.text);
  const availability = run.availability?.[item.id];
  // Locked by the run's order, a branch, a result: the same answer the server gives a writer.
  const locked = open && !!availability && !availability.available;
  const disabled = readOnly || props.pending || item.state === "not_taken" || item.state === "skipped";
  // These are ticked by what they record: a decision, a value, a child run's completion, a step's run.
  const tickedByFlow =
    item.kind === "decision" ||
    item.kind === "link" ||
    item.kind === "automation" ||
    (item.kind === "record" && !item.spec.recordValue);

  return (
    <li
      id={`item-${item.id}`}
      className="px-4 py-2 target:bg-amber-50"
      style={{ paddingLeft: `${1 + item.depth * 1.75}rem` }}
      data-testid={`item-${props.sectionKey}-${item.path}`}
      data-state={item.state}
      data-locked={locked ? "true" : undefined}
    >
      <div className="flex items-start gap-3">
        {locked ? (
          <span
            className="mt-0.5 size-4 text-slate-500"
            role="img"
            aria-label={`${item.path} is locked`}
            title="Locked"
          >
            <LockIcon />
          </span>
        ) : (
          <input
            type="checkbox"
            className="mt-1 size-4 accent-emerald-700"
            checked={boxChecked}
            disabled={disabled || tickedByFlow}
            aria-label={`Tick ${item.path}: ${text}`}
            onChange={(e) => {
              setIntent({ version: item.version, done: e.target.checked });
              onMutate({ type: "tick", item, done: e.target.checked });
            }}
          />
        )}
        <div className="min-w-0 flex-1">
          <p className={done ? "text-slate-500" : ""}>
            <span className="mr-2 font-mono text-xs text-slate-400">{item.path}</span>
            {text}
            {item.kind !== "task" && (
              <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${kindStyle[item.kind] ?? ""}`}>
                {item.spec.channel
                  ? channelLabel[item.spec.channel.type]
                  : (item.spec.automation?.replaceAll("_", " ") ?? item.kind)}
              </span>
            )}
          </p>
          <ItemBody spec={item.spec} fields={run.fieldDefs} values={run.fields} />
          {item.spec.message && (
            <blockquote className="mt-1 border-l-4 border-sky-300 pl-3 text-sm text-slate-700">
              {props.render(item.spec.message)}
            </blockquote>
          )}
          {item.spec.linkTemplate && (
            <p className="mt-1 text-xs text-slate-500">
              Child checklist from “{props.render(item.spec.linkTemplate)}”
            </p>
          )}
          <ItemLock
            runId={run.id}
            runNumber={run.number}
            item={item}
            availability={availability}
            canOverride={props.flow.canDecide}
          />
          {item.kind === "decision" && item.state !== "not_taken" && (
            <DecisionPanel
              run={run}
              itemId={item.id}
              canDecide={props.flow.canDecide && !locked}
              me={props.flow.me}
            />
          )}
          {item.kind === "record" && !item.spec.recordValue && open && !readOnly && !locked && (
            <RecordForm
              runId={run.id}
              runNumber={run.number}
              item={item}
              field={run.fieldDefs.find((f) => f.key === item.spec.recordField)}
            />
          )}
          {item.spec.automation && <AutomationPanel run={run} item={item} readOnly={readOnly || locked} />}
          {item.kind === "link" && (
            <ChildRunLink run={run} itemId={item.id} itemOpen={open} editable={!readOnly && !locked} />
          )}
          <NotifyControls run={run} item={item} editable={!readOnly && !locked} />
          <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
            {done && (
              <span data-testid="tick-evidence">
                {props.pending || !item.doneAt ? (
                  <>Saving…</>
                ) : (
                  <>
                    ✓ {item.doneBy?.name ?? "someone"} (@{item.doneBy?.handle}) at{" "}
                    <LocalTime iso={item.doneAt} withSeconds /> · elapsed{" "}
                    <span data-testid="elapsed">{formatDuration(item.elapsedMs)}</span>
                  </>
                )}
              </span>
            )}
            {item.state === "not_taken" && <span className="font-medium text-violet-800">not taken</span>}
            {item.state === "skipped" && <span className="font-medium text-slate-700">skipped</span>}
            {open && !readOnly && !locked && item.kind !== "decision" && (
              <SkipForm runId={run.id} runNumber={run.number} item={item} />
            )}
            {open && !readOnly && !locked && item.kind === "automation" && (
              <DoneOutsideForm runId={run.id} runNumber={run.number} item={item} />
            )}
            {item.kind === "stopwatch" &&
              !done &&
              (item.startedAt ? (
                <span>
                  clock started <LocalTime iso={item.startedAt} withSeconds />
                </span>
              ) : (
                !readOnly &&
                !locked && (
                  <button
                    type="button"
                    className="text-amber-800 underline"
                    disabled={disabled}
                    onClick={() => onMutate({ type: "start", item })}
                  >
                    Start clock
                  </button>
                )
              ))}
            <label className="flex items-center gap-1">
              <span className="sr-only">Assignee for {item.path}</span>
              <select
                value={item.assignee?.id ?? ""}
                disabled={disabled}
                onChange={(e) =>
                  onMutate({
                    type: "assign",
                    item,
                    assignee: props.people.find((p) => p.id === e.target.value) ?? null,
                  })
                }
                className="rounded border border-slate-200 bg-transparent px-1 py-0.5"
              >
                <option value="">Unassigned</option>
                {props.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    @{p.handle}
                  </option>
                ))}
              </select>
            </label>
            {!editingNote && !readOnly && (
              <button
                type="button"
                className="underline"
                disabled={disabled}
                onClick={() => setEditingNote(true)}
              >
                {item.note ? "Edit note" : "Add note"}
              </button>
            )}
          </div>
          {item.note && !editingNote && (
            <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm">{item.note}</p>
          )}
          {editingNote && (
            <form
              className="mt-1 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const note = String(new FormData(e.currentTarget).get("note") ?? "");
                onMutate({ type: "note", item, note });
                setEditingNote(false);
              }}
            >
              <textarea
                name="note"
                defaultValue={item.note ?? ""}
                rows={2}
                className="flex-1 rounded border border-slate-300 p-1 text-sm"
                aria-label={`Note for ${item.path}`}
              />
              <button type="submit" className="self-start rounded bg-slate-900 px-2 py-1 text-xs text-white">
                Save note
              </button>
              <button
                type="button"
                className="self-start text-xs underline"
                onClick={() => setEditingNote(false)}
              >
                Cancel
              </button>
            </form>
          )}
        </div>
      </div>
    </li>
  );
}
