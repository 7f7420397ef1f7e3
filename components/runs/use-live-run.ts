"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ackRosterKey } from "@/components/runs/use-ack-roster";
import { patchRunItem, runKey } from "@/components/runs/use-run";
import type { RunChange, Viewer } from "@/lib/live/messages";

/**
 * Follows the run's Server-Sent Events. A change of one item carries the item's new view,
 * which is patched in (the locks recomputed from it); a change that reached further (a
 * decision, a result, the window) reads the run again, as does a reconnect, since changes
 * made meanwhile were not heard. Returns who has the run open.
 */
export function useLiveRun(number: number): { viewers: Viewer[]; live: boolean } {
  const qc = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let stopWaiting: (() => void) | undefined;
    const reread = () => {
      stopWaiting?.();
      // A refetch landing while my own change is in flight would briefly undo it on screen.
      stopWaiting = whenSettled(qc, number, () => {
        void qc.invalidateQueries({ queryKey: runKey(number) });
        void qc.invalidateQueries({ queryKey: ackRosterKey(number) });
      });
    };
    const source = new EventSource(`/api/runs/${number}/events`);
    let broken = false;
    source.addEventListener("open", () => {
      setLive(true);
      if (broken) reread();
      broken = false;
    });
    source.addEventListener("error", () => {
      setLive(false);
      broken = true;
    });
    source.addEventListener("change", (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as RunChange;
      // Only the item changed and its view came along: an older or equal version (my own change, echoed) is ignored.
      if (change.scope === "item" && change.item) patchRunItem(qc, number, change.item);
      else reread();
    });
    source.addEventListener("resync", reread);
    source.addEventListener("presence", (e) => {
      setViewers((JSON.parse((e as MessageEvent<string>).data) as { viewers: Viewer[] }).viewers);
    });
    return () => {
      stopWaiting?.();
      source.close();
    };
  }, [qc, number]);

  return { viewers, live };
}

/** Calls `fn` once no change of this run's items is in flight: at once, or when the last one settles. */
function whenSettled(qc: QueryClient, number: number, fn: () => void): () => void {
  const busy = () => qc.isMutating({ mutationKey: ["run-item", number] }) > 0;
  if (!busy()) {
    fn();
    return () => {};
  }
  const unsubscribe = qc.getMutationCache().subscribe(() => {
    if (busy()) return;
    unsubscribe();
    fn();
  });
  return unsubscribe;
}
