"use client";

import Link from "next/link";
import type { RunView } from "@/lib/runs/run-view";
import { createChildRunAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";

/** A link item's child checklist: its progress, or a button to create it. */
export function ChildRunLink(props: { run: RunView; itemId: string; itemOpen: boolean; editable: boolean }) {
  const cmd = useRunCommand(props.run.number);
  const child = props.run.children.find((c) => c.parentItemId === props.itemId);
  if (child) {
    return (
      <p className="mt-1 text-sm" data-testid="child-run">
        Child run{" "}
        <Link href={`/runs/${child.number}`} className="font-medium text-blue-700 underline">
          #{child.number} {child.title}
        </Link>{" "}
        — {child.done}/{child.total} done, {child.status}
      </p>
    );
  }
  if (!props.editable || !props.itemOpen) return null;
  return (
    <div className="mt-1 text-sm">
      <button
        type="button"
        disabled={cmd.pending}
        className="rounded bg-pink-800 px-2 py-0.5 text-white disabled:opacity-50"
        onClick={() => cmd.run(() => createChildRunAction({ runId: props.run.id, itemId: props.itemId }))}
      >
        Create child checklist
      </button>
      {cmd.error && (
        <span role="alert" className="ml-2 text-red-700">
          {cmd.error}
        </span>
      )}
    </div>
  );
}
