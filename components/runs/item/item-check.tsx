"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import { LockIcon } from "@/components/ui/lock-icon";

/**
 * The item's box, or a padlock when the run's order, a branch or a result keeps it shut.
 * While a tick is being saved the box stays enabled (a disabled box would drop the keyboard's
 * focus to the page) and further clicks are ignored instead.
 */
export function ItemCheck(props: {
  item: RunItemView;
  text: string;
  locked: boolean;
  checked: boolean;
  disabled: boolean;
  pending: boolean;
  onToggle: (done: boolean) => void;
}) {
  const { item } = props;
  if (props.locked) {
    return (
      <span
        className="mt-0.5 size-5 text-slate-600"
        role="img"
        aria-label={`${item.path} is locked`}
        title="Locked"
      >
        <LockIcon />
      </span>
    );
  }
  return (
    <input
      type="checkbox"
      className="mt-0.5 size-6 shrink-0 accent-emerald-700 sm:size-5"
      checked={props.checked}
      disabled={props.disabled}
      aria-busy={props.pending || undefined}
      aria-label={`Tick ${item.path}: ${props.text}`}
      onChange={(e) => {
        if (!props.pending) props.onToggle(e.target.checked);
      }}
    />
  );
}
