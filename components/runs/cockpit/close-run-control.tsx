"use client";

import { useState } from "react";
import type { RunView } from "@/lib/runs/run-view";
import { closeRunAction } from "@/app/(app)/runs/flow-actions";
import { renderTokens } from "@/lib/templates/render-tokens";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

/** The server's sentence about open items; the list below says it better, item by item. */
const OPEN_ITEMS = /\d+ item\(s\) still open: .*?”(?:; …)?\.\s*/;

/**
 * Closing a run cannot be undone: it asks first, and a refusal is shown as what is left,
 * phase by phase, each item a link to itself.
 */
export function CloseRunControl({ run }: { run: RunView }) {
  const cmd = useRunCommand(run.number);
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const open = run.items.filter((i) => i.state === "open");
  const refused = cmd.code === "close_refused" ? cmd.error : null;
  const others = refused
    ?.replace(OPEN_ITEMS, "")
    .replace(/^The run cannot be closed yet:\s*/, "")
    .trim();
  const values = { ...Object.fromEntries(run.fieldDefs.map((f) => [f.key, `‹${f.label}›`])), ...run.fields };
  return (
    <>
      <Button variant="primary" className="ml-auto" pending={cmd.pending} onClick={() => setConfirming(true)}>
        Close run
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Close run #${run.number}?`}
        confirmLabel={`Yes, close #${run.number}`}
        pending={cmd.pending}
        onConfirm={() => {
          setConfirming(false);
          cmd.run(
            () => closeRunAction({ runId: run.id }),
            () => toast({ tone: "success", message: `Run #${run.number} closed.` }),
          );
        }}
      >
        A closed run is read-only: nothing can be ticked, noted or changed afterwards. The audit trail keeps
        who closed it and when.
      </ConfirmDialog>
      {cmd.error && (
        <div
          role="alert"
          className="w-full rounded border border-red-300 bg-red-50 p-3 text-red-900"
          data-testid="flow-error"
        >
          {refused ? (
            <>
              <p className="font-medium">The run cannot be closed yet.</p>
              {others && <p>{others}</p>}
              {open.length > 0 && (
                <>
                  <p>
                    {open.length === 1 ? "1 item is" : `${open.length} items are`} still open (tick or skip
                    each):
                  </p>
                  <ul className="mt-1 space-y-1">
                    {run.sections
                      .map((s) => ({ s, items: open.filter((i) => i.sectionId === s.id) }))
                      .filter((g) => g.items.length > 0)
                      .map(({ s, items }) => (
                        <li key={s.id}>
                          <span className="font-medium">{s.title}</span>
                          <ul className="ml-4 list-disc">
                            {items.map((i) => (
                              <li key={i.id}>
                                <a className="text-blue-800 underline" href={`#item-${i.id}`}>
                                  {i.path} {renderTokens(i.text, values)}
                                </a>
                              </li>
                            ))}
                          </ul>
                        </li>
                      ))}
                  </ul>
                </>
              )}
            </>
          ) : (
            cmd.error
          )}
        </div>
      )}
    </>
  );
}
