import { dueTime } from "@/lib/runs/schedule";
import {
  DEFAULT_OVERDUE_MARGIN_MINUTES,
  teamOrDefaultLead,
  type TeamLeadDefaults,
} from "@/lib/reminders/lead-time";

export type ReminderKind = "lead" | "overdue";

export type ReminderPolicy = {
  /** Section key → minutes before the phase's due time. */
  leadMinutes: Record<string, number>;
  overdueMarginMinutes: number;
  /** The team's lead times for the phases the template does not set. */
  teamLeads?: TeamLeadDefaults;
};

export const DEFAULT_POLICY: ReminderPolicy = {
  leadMinutes: {},
  overdueMarginMinutes: DEFAULT_OVERDUE_MARGIN_MINUTES,
};

export type PlanInput = {
  runOpen: boolean;
  windowStart: Date | null;
  timeZone: string;
  sections: { id: string; key: string; offsetMinutes: number | null; openItems: number }[];
  policy: ReminderPolicy;
  now: Date;
};

export type PlannedReminder = {
  sectionId: string;
  kind: ReminderKind;
  dueAt: Date;
  fireAt: Date;
  /** Null when the reminder should go out at fireAt; otherwise why it should not. */
  notWanted: string | null;
};

/**
 * What reminders a run should have now: for every phase with its own offset, one before its
 * due time and one escalation when it is overdue by the margin. Phases without an offset
 * share the due time of the one before them and would only repeat its reminder. Pure, so the
 * same plan is made when the window is set, when the sweep runs and at the moment of firing.
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  if (!input.windowStart) return [];
  const windowStart = input.windowStart;
  const out: PlannedReminder[] = [];
  for (const s of input.sections) {
    if (s.offsetMinutes === null) continue;
    const dueAt = dueTime(windowStart, s.offsetMinutes, input.timeZone);
    const lead =
      input.policy.leadMinutes[s.key] ?? teamOrDefaultLead(s.offsetMinutes, input.policy.teamLeads).minutes;
    const common = !input.runOpen
      ? "the run is closed"
      : s.openItems === 0
        ? "the phase's items are done or skipped"
        : null;
    out.push({
      sectionId: s.id,
      kind: "lead",
      dueAt,
      fireAt: new Date(dueAt.getTime() - lead * 60_000),
      notWanted: common ?? (dueAt <= input.now ? "the phase was already due" : null),
    });
    out.push({
      sectionId: s.id,
      kind: "overdue",
      dueAt,
      fireAt: new Date(dueAt.getTime() + input.policy.overdueMarginMinutes * 60_000),
      notWanted: common,
    });
  }
  return out;
}
