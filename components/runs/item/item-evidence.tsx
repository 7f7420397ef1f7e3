"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import { formatDuration } from "@/lib/runs/elapsed";
import { LocalTime } from "@/components/ui/local-time";
import { useNow } from "@/components/runs/use-now";

/** What "elapsed" means here, for the hover text and for screen readers. */
export const ELAPSED_MEANING =
  "Elapsed: from the item's own start (a stopwatch's clock), else from the previous tick anywhere in the run, else from the run's start, to this tick.";

/** Who ticked it, when, and how long it took: stays visible on every done item. */
export function ItemEvidence({ item, pending }: { item: RunItemView; pending: boolean }) {
  if (item.state === "not_taken") return <span className="font-medium text-violet-800">not taken</span>;
  if (item.state === "skipped") return <span className="font-medium text-slate-700">skipped</span>;
  if (item.state !== "done") return null;
  return (
    <span data-testid="tick-evidence">
      {pending || !item.doneAt ? (
        <>Saving…</>
      ) : (
        <>
          ✓ {item.doneBy?.name ?? "someone"} (@{item.doneBy?.handle}) at{" "}
          <LocalTime iso={item.doneAt} withSeconds /> ·{" "}
          <abbr title={ELAPSED_MEANING} className="no-underline">
            elapsed
          </abbr>{" "}
          <span data-testid="elapsed">{formatDuration(item.elapsedMs)}</span>
        </>
      )}
    </span>
  );
}

/** A stopwatch whose clock was started: counts up live until it is ticked. */
export function RunningStopwatch({ startedAt }: { startedAt: string }) {
  const now = useNow(1000);
  return (
    <span data-testid="stopwatch-running">
      clock started <LocalTime iso={startedAt} withSeconds /> ·{" "}
      <span className="font-mono font-medium text-amber-900" aria-live="off">
        running {formatDuration(Math.max(0, now.getTime() - Date.parse(startedAt)))}
      </span>
    </span>
  );
}
