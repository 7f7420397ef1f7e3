"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ackRosterKey } from "@/components/runs/use-ack-roster";
import { runKey } from "@/components/runs/use-run";
import type { Viewer } from "@/lib/live/messages";

/**
 * Follows the run's Server-Sent Events: each committed change anywhere refetches the run
 * and its roster; a reconnect refetches too, since changes made meanwhile were not heard.
 * Returns who has the run open.
 */
export function useLiveRun(number: number): { viewers: Viewer[]; live: boolean } {
  const qc = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (attempt = 0) => {
      clearTimeout(timer);
      // A refetch landing while my own change is in flight would briefly undo it on screen;
      // the change's answer updates the row anyway, so look again once it has settled.
      if (qc.isMutating({ mutationKey: ["run-item", number] }) > 0 && attempt < 20) {
        timer = setTimeout(() => refresh(attempt + 1), 250);
        return;
      }
      void qc.invalidateQueries({ queryKey: runKey(number) });
      void qc.invalidateQueries({ queryKey: ackRosterKey(number) });
    };
    const source = new EventSource(`/api/runs/${number}/events`);
    let broken = false;
    source.addEventListener("open", () => {
      setLive(true);
      if (broken) refresh();
      broken = false;
    });
    source.addEventListener("error", () => {
      setLive(false);
      broken = true;
    });
    source.addEventListener("change", () => refresh());
    source.addEventListener("resync", () => refresh());
    source.addEventListener("presence", (e) => {
      setViewers((JSON.parse((e as MessageEvent<string>).data) as { viewers: Viewer[] }).viewers);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [qc, number]);

  return { viewers, live };
}
