/**
 * How long before a phase's due time its reminder goes out. A template may set a lead time
 * per phase (lib/reminders/reminder-policy.ts); a phase it does not name gets one that suits
 * its offset: the day before a phase due days ahead, half an hour before one due hours
 * ahead, and for one due minutes ahead no earlier than its own offset.
 */

const DAY = 24 * 60;
export const MAX_LEAD_MINUTES = 7 * DAY;
export const DEFAULT_OVERDUE_MARGIN_MINUTES = 15;
export const MAX_OVERDUE_MARGIN_MINUTES = DAY;

export function defaultLeadMinutes(offsetMinutes: number): number {
  const distance = Math.abs(offsetMinutes);
  if (distance >= DAY) return DAY;
  if (distance >= 60) return 30;
  if (offsetMinutes < 0) return Math.min(15, distance);
  return 15;
}

/** How far ahead of the window a phase is due, which is what a team's lead times are set by. */
export const LEAD_BUCKETS = ["daysAhead", "hoursAhead", "minutesAhead"] as const;
export type LeadBucket = (typeof LEAD_BUCKETS)[number];

/** A team's own lead times by bucket (docs/decisions/0015); a bucket it leaves out: the workspace's. */
export type TeamLeadDefaults = Partial<Record<LeadBucket, number>>;

export function leadBucket(offsetMinutes: number): LeadBucket {
  const distance = Math.abs(offsetMinutes);
  return distance >= DAY ? "daysAhead" : distance >= 60 ? "hoursAhead" : "minutesAhead";
}

/**
 * The lead time of a phase the template does not set: the team's for the phase's bucket,
 * else the workspace default. A team's lead never reaches back past the phase's own offset
 * before the window (as leadTimeProblem refuses for a template), so it is capped there.
 */
export function teamOrDefaultLead(
  offsetMinutes: number,
  team: TeamLeadDefaults | undefined,
): { minutes: number; source: "team" | "workspace" } {
  const own = team?.[leadBucket(offsetMinutes)];
  if (own === undefined) return { minutes: defaultLeadMinutes(offsetMinutes), source: "workspace" };
  return { minutes: offsetMinutes < 0 ? Math.min(own, -offsetMinutes) : own, source: "team" };
}

/** "1d", "4h 30m", "1m": how a lead time or an offset is named in messages. */
export function minutesLabel(minutes: number): string {
  const abs = Math.abs(minutes);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / 60);
  const m = abs % 60;
  const parts = [d ? `${d}d` : "", h ? `${h}h` : "", m ? `${m}m` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0m";
}

/**
 * Why a lead time does not suit a phase, or null. A phase due before the window may not
 * be reminded of earlier than its offset from the window's start: "T-1m" with a lead of an
 * hour would remind people of the last minute before anything else in the run.
 */
export function leadTimeProblem(offsetMinutes: number, leadMinutes: number): string | null {
  if (!Number.isInteger(leadMinutes) || leadMinutes < 1)
    return "A lead time is a whole number of minutes, at least 1.";
  if (leadMinutes > MAX_LEAD_MINUTES) return `A lead time is at most ${minutesLabel(MAX_LEAD_MINUTES)}.`;
  if (offsetMinutes < 0 && leadMinutes > -offsetMinutes)
    return `The lead time ${minutesLabel(leadMinutes)} is longer than the phase's offset T-${minutesLabel(offsetMinutes)}.`;
  return null;
}
