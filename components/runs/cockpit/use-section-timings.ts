"use client";

import { useCallback, useMemo } from "react";
import type { RunView } from "@/lib/runs/run-view";
import { scheduleSections } from "@/lib/runs/schedule";

/** Each phase's due time and whether it is done, late or overdue, recomputed every 15 s rather than every second. */
export function useSectionTimings(run: RunView, itemsBySection: Map<string, RunView["items"]>, now: Date) {
  // A branch not taken is not "done": it shows as not taken, without a timing.
  const sectionDone = useCallback(
    (sectionId: string) => {
      const items = itemsBySection.get(sectionId) ?? [];
      return items.some((i) => i.state !== "not_taken") && items.every((i) => i.state !== "open");
    },
    [itemsBySection],
  );
  const slot = Math.floor(now.getTime() / 15_000);
  const timings = useMemo(() => {
    const schedule = scheduleSections(run.sections, {
      windowStart: run.window ? new Date(run.window.start) : null,
      timeZone: run.window?.timeZone,
      // Timing badges need not change every second.
      now: new Date(slot * 15_000),
      isComplete: sectionDone,
    });
    return new Map(schedule.map((s) => [s.id, s]));
  }, [run.sections, run.window, sectionDone, slot]);
  return { sectionDone, timings };
}
