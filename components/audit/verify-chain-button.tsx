"use client";

import { useState, useTransition } from "react";
import { verifyRunChainAction } from "@/app/(app)/runs/audit-actions";

type Outcome = Awaited<ReturnType<typeof verifyRunChainAction>>;

/** Recomputes the run's hash chain on the server, from the stored rows. */
export function VerifyChainButton({ runId }: { runId: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="no-print flex items-center gap-2 text-sm">
      <button
        type="button"
        disabled={pending}
        className="rounded bg-slate-900 px-3 py-1 font-medium text-white disabled:opacity-50"
        onClick={() => start(async () => setOutcome(await verifyRunChainAction({ runId })))}
      >
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <span role="status" data-testid="verify-result">
        {outcome?.ok === false && <span className="text-red-700">{outcome.error}</span>}
        {outcome?.ok &&
          (outcome.data.ok ? (
            <span className="text-emerald-700">
              Intact: {outcome.data.count} events, every hash recomputed.
            </span>
          ) : (
            <span className="font-semibold text-red-700">
              Broken at event seq {outcome.data.firstBad.seq} (id {outcome.data.firstBad.id}):{" "}
              {outcome.data.firstBad.reason}
            </span>
          ))}
      </span>
    </span>
  );
}
