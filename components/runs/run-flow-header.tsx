"use client";

import Link from "next/link";
import { useState } from "react";
import type { RunView } from "@/lib/runs/run-view";
import { setRunWindowAction } from "@/app/(app)/runs/flow-actions";
import { CloseRunControl } from "@/components/runs/cockpit/close-run-control";
import { useRunCommand } from "@/components/runs/use-run-command";
import { LocalTime } from "@/components/ui/local-time";
import { RunWindowForm } from "@/components/runs/cockpit/run-window-form";

const resultStyle: Record<string, string> = {
  SUCCEEDED: "bg-emerald-700 text-white",
  FAILED: "bg-red-700 text-white",
  "NO GO": "bg-amber-800 text-white",
};

/** Result, parent, maintenance window with the mission clock, and closing the run. */
export function RunFlowHeader({
  run,
  editable,
  canAudit,
}: {
  run: RunView;
  editable: boolean;
  canAudit: boolean;
}) {
  const cmd = useRunCommand(run.number);
  const [editingWindow, setEditingWindow] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <span>
          Result:{" "}
          {run.result ? (
            <span
              className={`rounded px-2 py-0.5 font-semibold ${resultStyle[run.result]}`}
              data-testid="run-result"
            >
              {run.result}
            </span>
          ) : (
            <span className="text-slate-600" data-testid="run-result">
              not recorded
            </span>
          )}
        </span>
        {canAudit && (
          <Link
            className="text-blue-700 underline"
            href={`/runs/${run.number}/audit`}
            data-testid="audit-link"
          >
            Audit view
          </Link>
        )}
        {run.parent && (
          <span>
            Child of{" "}
            <Link className="text-blue-700 underline" href={`/runs/${run.parent.number}`}>
              #{run.parent.number} {run.parent.title}
            </Link>
          </span>
        )}
        <span className="flex items-center gap-2" data-testid="run-window">
          Window:{" "}
          {run.window ? (
            <>
              <LocalTime iso={run.window.start} />
              {run.window.end && (
                <>
                  {" "}
                  – <LocalTime iso={run.window.end} />
                </>
              )}
            </>
          ) : (
            <span className="text-slate-600">not set</span>
          )}
          {editable && !editingWindow && (
            <button type="button" className="underline" onClick={() => setEditingWindow(true)}>
              {run.window ? "Change" : "Set window"}
            </button>
          )}
        </span>
        {run.status === "open" && editable && <CloseRunControl run={run} />}
        {run.closedAt && (
          <span className="ml-auto">
            Closed <LocalTime iso={run.closedAt} />
          </span>
        )}
      </div>
      {editingWindow && (
        <RunWindowForm
          zone={zone}
          onSave={(window) =>
            cmd.run(
              () => setRunWindowAction({ runId: run.id, ...window }),
              () => setEditingWindow(false),
            )
          }
          onCancel={() => setEditingWindow(false)}
        />
      )}
      {cmd.error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-red-800"
          data-testid="flow-error"
        >
          {cmd.error}
        </p>
      )}
    </div>
  );
}
