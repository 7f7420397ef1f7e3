"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import type { PersonRef } from "@/lib/runs/run-view";
import { setRunAssigneesAction } from "@/app/(app)/runs/actions";
import { runKey } from "@/components/runs/use-run";

/** The people completing the run, editable by operators while the run is open. */
export function RunAssignees(props: {
  runId: string;
  runNumber: number;
  assignees: PersonRef[];
  people: PersonRef[];
  editable: boolean;
}) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-assignees">
      <span className="text-slate-600">Completing:</span>
      {props.assignees.length === 0 && <span className="text-slate-600">nobody yet</span>}
      {props.assignees.map((p) => (
        <span key={p.id} className="rounded bg-slate-100 px-2 py-0.5">
          {p.name} <span className="text-slate-600">@{p.handle}</span>
        </span>
      ))}
      {props.editable && !editing && (
        <button type="button" className="underline" onClick={() => setEditing(true)}>
          Change
        </button>
      )}
      {editing && (
        <form
          className="flex flex-wrap items-center gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const userIds = new FormData(e.currentTarget).getAll("userId").map(String);
            startTransition(async () => {
              const res = await setRunAssigneesAction({ runId: props.runId, userIds });
              if (!res.ok) return setError(res.error);
              setError(null);
              setEditing(false);
              await qc.invalidateQueries({ queryKey: runKey(props.runNumber) });
            });
          }}
        >
          {props.people.map((p) => (
            <label key={p.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                name="userId"
                value={p.id}
                defaultChecked={props.assignees.some((a) => a.id === p.id)}
              />
              @{p.handle}
            </label>
          ))}
          <button type="submit" disabled={pending} className="rounded bg-slate-900 px-2 py-0.5 text-white">
            Save
          </button>
          <button type="button" className="underline" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
