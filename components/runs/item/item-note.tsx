"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import { Button } from "@/components/ui/button";

/** The item's note, and its editor while `editing`. */
export function ItemNote(props: {
  item: RunItemView;
  editing: boolean;
  onSave: (note: string) => void;
  onCancel: () => void;
}) {
  const { item } = props;
  if (!props.editing) {
    return item.note ? (
      <p className="mt-1 rounded bg-slate-50 p-2 text-sm break-words whitespace-pre-wrap">{item.note}</p>
    ) : null;
  }
  return (
    <form
      className="mt-1 flex flex-wrap gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(String(new FormData(e.currentTarget).get("note") ?? ""));
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
        // The checklist's shortcuts must not fire while typing.
        e.stopPropagation();
      }}
    >
      <textarea
        name="note"
        autoFocus
        defaultValue={item.note ?? ""}
        rows={2}
        className="min-w-0 flex-1 rounded border border-slate-400 p-1 text-sm"
        aria-label={`Note for ${item.path}`}
      />
      <div className="flex gap-2 self-start">
        <Button type="submit" variant="primary" size="sm">
          Save note
        </Button>
        <Button variant="link" className="text-xs" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
