import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";
import { buildCalendar, type CalendarRun } from "@/lib/calendar/build-ics";

/** Rows of runs → what the calendar needs. */
export async function calendarRuns(where: object): Promise<CalendarRun[]> {
  const runs = await db().run.findMany({
    where: { ...where, windowStart: { not: null } },
    include: { sections: { orderBy: { position: "asc" } } },
    orderBy: { windowStart: "asc" },
  });
  return runs.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    windowStart: r.windowStart!,
    windowEnd: r.windowEnd,
    timeZone: r.windowTimeZone,
    sections: r.sections.map((s) => ({ title: s.title, offsetMinutes: s.offsetMinutes })),
    url: `${appUrl()}/runs/${r.number}`,
  }));
}

/** A run's window as an .ics file, for whoever may read the run. */
export async function runCalendar({
  actor,
  number,
}: {
  actor: Actor | null;
  number: number;
}): Promise<{ filename: string; ics: string }> {
  const scope = runReadScope(actor);
  const run = await db().run.findFirst({
    where: { number, ...scope },
    select: { id: true, windowStart: true },
  });
  if (!run) throw new NotFoundError("No such run.");
  if (!run.windowStart)
    throw new ValidationError("This run has no maintenance window yet: set one to get a calendar event.");
  const runs = await calendarRuns({ id: run.id });
  return { filename: `run-${number}.ics`, ics: buildCalendar(`Run #${number}`, runs) };
}
