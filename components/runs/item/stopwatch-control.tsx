"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import { Button } from "@/components/ui/button";
import { RunningStopwatch } from "@/components/runs/item/item-evidence";

/** An open stopwatch item: its running time once started, else the button that starts it. */
export function StopwatchControl({
  item,
  canStart,
  pending,
  onStart,
}: {
  item: RunItemView;
  canStart: boolean;
  pending: boolean;
  onStart: () => void;
}) {
  if (item.startedAt) return <RunningStopwatch startedAt={item.startedAt} />;
  if (!canStart) return null;
  return (
    <Button variant="link" className="text-xs text-amber-900" disabled={pending} onClick={onStart}>
      Start clock
    </Button>
  );
}
