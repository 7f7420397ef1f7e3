"use client";

import { useState, type KeyboardEvent } from "react";
import type { RunItemView } from "@/lib/runs/run-view";
import type { MenuItem } from "@/components/ui/menu";

export type Editing = "note" | "assign" | "skip" | null;

/**
 * The box's state from the click until the server settles: it follows the click at once,
 * and the item itself is the truth again once the change is saved, refused or conflicted.
 */
export function useTickIntent(pending: boolean) {
  const [intent, setIntent] = useState<{ version: number; done: boolean } | null>(null);
  const [wasPending, setWasPending] = useState(pending);
  if (wasPending !== pending) {
    setWasPending(pending);
    if (!pending) setIntent(null);
  }
  return [intent, setIntent] as const;
}

/** x or Space ticks, n opens the note, a the assignee: on the row or its box, never inside an editor. */
export function rowKeyHandler(o: {
  canTick: boolean;
  editable: boolean;
  onTick: () => void;
  onEdit: (what: Editing) => void;
}) {
  return (e: KeyboardEvent<HTMLLIElement>) => {
    const onRow = e.target === e.currentTarget;
    const onBox = e.target instanceof HTMLInputElement && e.target.type === "checkbox";
    if (!onRow && !onBox) return;
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.key === "x" || (e.key === " " && onRow)) {
      e.preventDefault();
      if (o.canTick) o.onTick();
    } else if ((e.key === "n" || e.key === "a") && o.editable) {
      e.preventDefault();
      o.onEdit(e.key === "n" ? "note" : "assign");
    }
  };
}

/** The row's secondary actions: assign, note and, while the item can still be worked, skip. */
export function itemMenu(
  item: RunItemView,
  can: { editable: boolean; open: boolean; locked: boolean },
  onEdit: (what: Editing) => void,
): MenuItem[] {
  if (!can.editable) return [];
  return [
    { label: item.assignee ? "Reassign…" : "Assign…", onSelect: () => onEdit("assign") },
    { label: item.note ? "Edit note" : "Add note", onSelect: () => onEdit("note") },
    ...(can.open && !can.locked && item.kind !== "decision"
      ? [{ label: "Skip…", onSelect: () => onEdit("skip") }]
      : []),
  ];
}
