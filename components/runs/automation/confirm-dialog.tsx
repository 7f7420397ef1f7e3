"use client";

import { useState } from "react";

/**
 * Starting a step that changes production asks for the Blue stack's ID to be typed: the
 * server compares it with the run's field, so a wrong run or a stale page cannot start it.
 */
export function ConfirmDialog(props: {
  blueStackId: string;
  actionLabel: string;
  pending: boolean;
  onConfirm: (confirmStackId: string, dryRun: boolean) => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [dryRun, setDryRun] = useState(false);
  return (
    <form
      role="dialog"
      aria-label={`Confirm: ${props.actionLabel}`}
      className="mt-2 space-y-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        props.onConfirm(typed, dryRun);
      }}
    >
      <p>
        This acts on the Blue stack <code className="break-all font-mono text-xs">{props.blueStackId}</code>.
        Type its ID to confirm.
      </p>
      <input
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-label="Blue stack ID"
        className="w-full rounded border border-slate-300 p-1 font-mono text-xs"
        autoComplete="off"
      />
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        Dry run: show the calls, change nothing
      </label>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={props.pending || typed.trim() !== props.blueStackId}
          className="rounded bg-emerald-800 px-2 py-1 text-xs text-white disabled:opacity-50"
        >
          {dryRun ? "Dry run" : props.actionLabel}
        </button>
        <button type="button" className="text-xs underline" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
