/**
 * How times are shown, everywhere: in the viewer's zone with the zone named on screens
 * ("Mon 30 Nov, 15:00 GMT"), in UTC for hover text, and in UTC with the offset in exports.
 * Only `Intl`: this runs in the browser, where a date library would be dead weight.
 */

export type TimeOptions = {
  /** An IANA zone; the runtime's own (the viewer's, in a browser) when absent. */
  timeZone?: string;
  withSeconds?: boolean;
  /** Adds the year, for times that may be far from now (audit views, lists). */
  withYear?: boolean;
};

/** "Mon 30 Nov, 15:00 GMT" (the zone's short name, or its offset where it has none). */
export function formatTime(at: Date | string, opts: TimeOptions = {}): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(opts.withYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    ...(opts.withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZone: opts.timeZone,
    timeZoneName: "short",
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const clock = [get("hour"), get("minute"), ...(opts.withSeconds ? [get("second")] : [])].join(":");
  const date = [get("weekday"), get("day"), get("month"), ...(opts.withYear ? [get("year")] : [])].join(" ");
  return `${date}, ${clock} ${get("timeZoneName")}`;
}

/** "2026-11-30 15:00:00 UTC": the hover text of every shown time. */
export function formatUtc(at: Date | string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

/** "2026-11-30T15:00:00+00:00": exports, unambiguous for machines and people alike. */
export function formatExportTime(at: Date | string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return d.toISOString().replace(/\.\d+Z$/, "+00:00");
}

/** "Tue 1 Dec 2026": a calendar date (no time, no zone: it is the same day everywhere). */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).formatToParts(d);
  return parts
    .filter((p) => p.type !== "literal")
    .map((p) => p.value)
    .join(" ");
}
