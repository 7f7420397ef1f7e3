import { dueTime } from "@/lib/runs/schedule";

/** A template's choice for its timed announcements. */
export type TimedAnnouncementMode = "off" | "confirm" | "auto";

export type TimedPlanInput = {
  runOpen: boolean;
  windowStart: Date | null;
  timeZone: string;
  mode: TimedAnnouncementMode;
  /** The run's announcement items (notify items with a message), with their phase's own offset. */
  announcements: { itemId: string; state: string; offsetMinutes: number | null }[];
};

export type PlannedTimedAnnouncement = {
  itemId: string;
  mode: "confirm" | "auto";
  fireAt: Date;
  /** Null when it should go at fireAt; otherwise why it should not. */
  notWanted: string | null;
};

/**
 * Which announcements of a run are timed, and when: each announcement item of a phase with
 * its own offset (the seed's "1 minute before change" notice) is due at that phase's due time.
 * Pure, so the same plan is made when the window is set, by the sweep and when firing.
 */
export function planTimedAnnouncements(input: TimedPlanInput): PlannedTimedAnnouncement[] {
  const { windowStart, mode } = input;
  if (!windowStart || mode === "off") return [];
  return input.announcements.flatMap((a) => {
    if (a.offsetMinutes === null) return [];
    const notWanted = !input.runOpen
      ? "the run is closed"
      : a.state !== "open"
        ? `the announcement is ${a.state === "done" ? "done" : "skipped or not taken"}`
        : null;
    return [
      { itemId: a.itemId, mode, fireAt: dueTime(windowStart, a.offsetMinutes, input.timeZone), notWanted },
    ];
  });
}
