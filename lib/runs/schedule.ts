import { plusCalendarDays } from "@/lib/format/zoned";

/**
 * The mission clock: when each section is due, from the maintenance window and the
 * sections' offsets. Shared by the server (evidence, exports) and the browser (the
 * live clock), so it is pure and takes `now` as an argument.
 *
 * Whole-day offsets ("5 Days Before") are calendar days in the window's time zone, so
 * T-5d of a 22:00 window is 22:00 local five days earlier even across a daylight-saving
 * change; hour and minute offsets are elapsed time.
 */

export type ScheduledSectionInput = { id: string; offsetMinutes: number | null };
export type SectionTiming = "upcoming" | "due" | "overdue" | "done";

export type SectionSchedule = {
  id: string;
  /** When the section is due; null when the run has no window yet or nothing before it is timed. */
  dueAt: string | null;
  /** When the next timed section is due: the end of this section's slot. */
  slotEndsAt: string | null;
  timing: SectionTiming | null;
};

const DAY = 24 * 60;

export function dueTime(windowStart: Date, offsetMinutes: number, timeZone = "UTC"): Date {
  const days = Math.trunc(offsetMinutes / DAY);
  const rest = offsetMinutes - days * DAY;
  return new Date(plusCalendarDays(windowStart, days, timeZone).getTime() + rest * 60_000);
}

export function scheduleSections(
  sections: ScheduledSectionInput[],
  opts: {
    windowStart: Date | null;
    timeZone?: string;
    now: Date;
    isComplete: (sectionId: string) => boolean;
  },
): SectionSchedule[] {
  const due: (Date | null)[] = [];
  let previous: Date | null = null;
  for (const s of sections) {
    // A section without an offset follows the one before it.
    const at: Date | null =
      opts.windowStart && s.offsetMinutes !== null
        ? dueTime(opts.windowStart, s.offsetMinutes, opts.timeZone)
        : previous;
    due.push(at);
    previous = at;
  }
  return sections.map((s, i) => {
    const at = due[i] ?? null;
    const next = due.slice(i + 1).find((d) => d && at && d.getTime() > at.getTime()) ?? null;
    let timing: SectionTiming | null = null;
    if (opts.isComplete(s.id)) timing = "done";
    else if (at) {
      if (opts.now < at) timing = "upcoming";
      else if (next && opts.now >= next) timing = "overdue";
      else timing = "due";
    }
    return { id: s.id, dueAt: at?.toISOString() ?? null, slotEndsAt: next?.toISOString() ?? null, timing };
  });
}

/** "T-4h 03m" before the window, "T+12m 30s" after it. */
export function missionClock(windowStart: Date, now: Date): string {
  const diff = now.getTime() - windowStart.getTime();
  const sign = diff < 0 ? "-" : "+";
  let s = Math.floor(Math.abs(diff) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `T${sign}${d}d ${h}h ${pad(m)}m`;
  if (h > 0) return `T${sign}${h}h ${pad(m)}m`;
  return `T${sign}${m}m ${pad(s)}s`;
}
