import ical, { ICalAlarmType } from "ical-generator";
import { dueTime } from "@/lib/runs/schedule";
import { DEFAULT_WINDOW_MINUTES } from "@/lib/maintenance/desired-maintenance";

export type CalendarRun = {
  id: string;
  number: number;
  title: string;
  windowStart: Date;
  windowEnd: Date | null;
  timeZone: string;
  sections: { title: string; offsetMinutes: number | null }[];
  url: string;
};

/**
 * One VEVENT per run for its window (two hours when it has no end), with a display alarm at
 * each timed phase's due time, so a calendar reminds of Pre-Flight five days ahead and of the
 * notice a minute before. The UID is the run's id, so a feed updates the event in place.
 */
export function buildCalendar(name: string, runs: CalendarRun[], now = new Date()): string {
  const calendar = ical({ name, prodId: { company: "Runsheet", product: "Runsheet", language: "EN" } });
  for (const r of runs) {
    const end = r.windowEnd ?? new Date(r.windowStart.getTime() + DEFAULT_WINDOW_MINUTES * 60_000);
    const alarms = r.sections
      .filter((s) => s.offsetMinutes !== null)
      .map((s) => ({
        type: ICalAlarmType.display,
        trigger: dueTime(r.windowStart, s.offsetMinutes!, r.timeZone),
        description: `#${r.number} ${s.title}`,
      }));
    calendar.createEvent({
      id: `run-${r.id}@runsheet`,
      start: r.windowStart,
      end,
      stamp: now,
      summary: `#${r.number} ${r.title}`,
      description: `Maintenance window of run #${r.number}.\n${r.url}`,
      url: r.url,
      alarms,
    });
  }
  return calendar.toString();
}
