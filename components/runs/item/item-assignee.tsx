"use client";

import type { PersonRef, RunItemView } from "@/lib/runs/run-view";

/**
 * The assignee as a word (always shown when there is one) and, while `editing`, the picker.
 * Choosing or leaving hands focus back to the row.
 */
export function ItemAssignee(props: {
  item: RunItemView;
  people: PersonRef[];
  editing: boolean;
  onAssign: (person: PersonRef | null) => void;
  onDone: () => void;
}) {
  const { item } = props;
  if (!props.editing) {
    return item.assignee ? <span data-testid="item-assignee">→ @{item.assignee.handle}</span> : null;
  }
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">Assignee for {item.path}</span>
      <select
        autoFocus
        value={item.assignee?.id ?? ""}
        onChange={(e) => {
          props.onAssign(props.people.find((p) => p.id === e.target.value) ?? null);
          props.onDone();
        }}
        onBlur={props.onDone}
        onKeyDown={(e) => {
          if (e.key === "Escape") props.onDone();
          e.stopPropagation();
        }}
        className="min-h-6 rounded border border-slate-400 bg-white px-1 py-0.5"
      >
        <option value="">Unassigned</option>
        {props.people.map((p) => (
          <option key={p.id} value={p.id}>
            @{p.handle}
          </option>
        ))}
      </select>
    </label>
  );
}
