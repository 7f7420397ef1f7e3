/**
 * Calendar arithmetic in a time zone with nothing but `Intl`, so that the browser needs no
 * date library: the wall clock of an instant in a zone, and the instant of a wall clock.
 */

/** The zone's offset from UTC at `at`, in milliseconds (+9h for Tokyo). */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * `at` moved by whole calendar days in `timeZone`: the same wall-clock time `days` days
 * later (or earlier), across a daylight-saving change too. A wall time that does not exist
 * (in a spring-forward gap) moves forward by the gap, as clocks do.
 */
export function plusCalendarDays(at: Date, days: number, timeZone: string): Date {
  if (days === 0) return at;
  const ms = at.getTime();
  const wall = ms + offsetMs(ms, timeZone) + days * 86_400_000;
  // Two guesses at the target's offset; the one whose wall clock is `wall` is the answer.
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  const fits = [first, second].find((c) => c + offsetMs(c, timeZone) === wall);
  return new Date(fits ?? Math.max(first, second));
}
