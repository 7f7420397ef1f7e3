import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import {
  MAX_LEAD_MINUTES,
  MAX_OVERDUE_MARGIN_MINUTES,
  minutesLabel,
  type TeamLeadDefaults,
} from "@/lib/reminders/lead-time";
import { parseInput } from "@/lib/validation/parse-input";
import { settingsTeam } from "@/lib/team-settings/team-access";

/** A team's reminder defaults: each null (or absent) leaves the workspace default in force. */
export type TeamReminderDefaults = {
  leads: TeamLeadDefaults;
  overdueMarginMinutes: number | null;
};

const lead = z
  .number("A whole number of minutes.")
  .int("A whole number of minutes.")
  .min(1, "At least 1 minute.")
  .max(MAX_LEAD_MINUTES, `At most ${minutesLabel(MAX_LEAD_MINUTES)}.`)
  .nullable();

export const teamReminderDefaultsSchema = z.object({
  team: z.string().trim().min(1).max(40),
  daysAhead: lead,
  hoursAhead: lead,
  minutesAhead: lead,
  overdueMarginMinutes: z
    .number("A whole number of minutes.")
    .int("A whole number of minutes.")
    .min(0, `Between 0 and ${MAX_OVERDUE_MARGIN_MINUTES} minutes.`)
    .max(MAX_OVERDUE_MARGIN_MINUTES, `Between 0 and ${MAX_OVERDUE_MARGIN_MINUTES} minutes.`)
    .nullable(),
});

export async function readTeamReminderDefaults(tx: Tx, teamId: string): Promise<TeamReminderDefaults> {
  const row = await tx.teamSettings.findUnique({ where: { teamId } });
  const leads: TeamLeadDefaults = {};
  if (row?.leadDaysAhead != null) leads.daysAhead = row.leadDaysAhead;
  if (row?.leadHoursAhead != null) leads.hoursAhead = row.leadHoursAhead;
  if (row?.leadMinutesAhead != null) leads.minutesAhead = row.leadMinutesAhead;
  return { leads, overdueMarginMinutes: row?.overdueMarginMinutes ?? null };
}

/**
 * Sets the team's reminder lead times for phases due days, hours or minutes ahead, and its
 * overdue margin (null: the workspace default), audited with before and after. A template's
 * own setting for a phase still comes first; open runs pick the change up at the next sweep.
 */
export async function setTeamReminderDefaults({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof teamReminderDefaultsSchema>) {
  const data = parseInput(teamReminderDefaultsSchema, input, "Check the reminder defaults.");
  const { team, actor: who } = await settingsTeam(actor, data.team, "teams.settings");
  const row = {
    leadDaysAhead: data.daysAhead,
    leadHoursAhead: data.hoursAhead,
    leadMinutesAhead: data.minutesAhead,
    overdueMarginMinutes: data.overdueMarginMinutes,
  };
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const before = await readTeamReminderDefaults(tx, team.id);
    const now = new Date();
    await tx.teamSettings.upsert({
      where: { teamId: team.id },
      create: { teamId: team.id, ...row, updatedById: who.id, updatedAt: now },
      update: { ...row, updatedById: who.id, updatedAt: now },
    });
    const after = await readTeamReminderDefaults(tx, team.id);
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "team.reminder_defaults_set",
      payload: { teamId: team.id, team: team.slug, before, after },
      at: now,
    });
    return after;
  });
}
