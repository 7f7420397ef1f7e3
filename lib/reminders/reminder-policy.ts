import "server-only";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { leadTimeProblem, MAX_OVERDUE_MARGIN_MINUTES, teamOrDefaultLead } from "@/lib/reminders/lead-time";
import { DEFAULT_POLICY, type ReminderPolicy } from "@/lib/reminders/plan-reminders";
import { readTeamReminderDefaults } from "@/lib/team-settings/team-reminder-defaults";

const storedLeads = z.record(z.string(), z.number().int());

/** Which setting a lead time or the overdue margin comes from, first to last. */
export type PolicySource = "template" | "team" | "workspace";

/**
 * The policy for the runs of a template in its team: the template's lead time for a phase,
 * else the team's for phases due that far ahead, else the workspace default. The overdue
 * margin is the template's once it has saved its reminder settings, else the team's, else
 * the workspace default.
 */
export async function readReminderPolicy(
  tx: Tx,
  templateId: string,
  teamId: string,
): Promise<ReminderPolicy & { overdueMarginSource: PolicySource }> {
  const row = await tx.templateReminderPolicy.findUnique({ where: { templateId } });
  const team = await readTeamReminderDefaults(tx, teamId);
  const leads = storedLeads.safeParse(row?.leadMinutes ?? {});
  const overdueMarginSource: PolicySource = row
    ? "template"
    : team.overdueMarginMinutes !== null
      ? "team"
      : "workspace";
  return {
    leadMinutes: leads.success ? leads.data : {},
    overdueMarginMinutes:
      row?.overdueMarginMinutes ?? team.overdueMarginMinutes ?? DEFAULT_POLICY.overdueMarginMinutes,
    overdueMarginSource,
    teamLeads: team.leads,
  };
}

export type PhaseLead = {
  key: string;
  title: string;
  offsetLabel: string;
  offsetMinutes: number;
  leadMinutes: number;
  isDefault: boolean;
  /** Where the lead time comes from: the template's phase setting, the team's default, the workspace's. */
  source: PolicySource;
};

/** The template's latest version, by the slug in its URL. */
async function latestVersion(templateSlug: string) {
  const latest = await db().templateVersion.findFirst({
    where: { template: { slug: templateSlug } },
    orderBy: { version: "desc" },
    include: { template: { select: { teamId: true } } },
  });
  if (!latest) throw new NotFoundError("No such template.");
  return latest;
}

export type ReminderPolicyView = Awaited<ReturnType<typeof getReminderPolicy>>;

/** The template's timed phases (latest version) with the lead time each one gets. */
export async function getReminderPolicy({
  actor,
  templateSlug,
}: {
  actor: Actor | null;
  templateSlug: string;
}) {
  await requireTemplatePermission(actor, { slug: templateSlug }, "templates.read");
  const latest = await latestVersion(templateSlug);
  const templateId = latest.templateId;
  const policy = await readReminderPolicy(db(), templateId, latest.template.teamId);
  const def = definitionSchema.parse(latest.definition);
  const phases: PhaseLead[] = def.sections.flatMap((s) => {
    if (!s.offset) return [];
    const own = policy.leadMinutes[s.key];
    const fallback = teamOrDefaultLead(s.offset.minutes, policy.teamLeads);
    return [
      {
        key: s.key,
        title: s.title,
        offsetLabel: s.offset.label,
        offsetMinutes: s.offset.minutes,
        leadMinutes: own ?? fallback.minutes,
        isDefault: own === undefined,
        source: own === undefined ? fallback.source : ("template" as const),
      },
    ];
  });
  return {
    templateSlug,
    overdueMarginMinutes: policy.overdueMarginMinutes,
    overdueMarginSource: policy.overdueMarginSource,
    phases,
  };
}

/**
 * Sets a template's lead times and overdue margin, audited. Every phase it names must be a
 * timed phase of the latest version, and every lead time must suit the phase's offset; a
 * single bad value refuses the whole change. Open runs pick it up at the next sweep.
 */
export async function setReminderPolicy({
  actor,
  ...input
}: {
  actor: Actor | null;
  templateSlug: string;
  leadMinutes: Record<string, number>;
  overdueMarginMinutes: number;
}) {
  const who = await requireTemplatePermission(actor, { slug: input.templateSlug }, "templates.write");
  const latest = await latestVersion(input.templateSlug);
  const templateId = latest.templateId;
  const def = definitionSchema.parse(latest.definition);
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, lead] of Object.entries(input.leadMinutes)) {
    const section = def.sections.find((s) => s.key === key);
    const problem = !section?.offset
      ? "This template has no timed phase with that key."
      : leadTimeProblem(section.offset.minutes, lead);
    if (problem) fieldErrors[`leadMinutes.${key}`] = [problem];
  }
  const margin = input.overdueMarginMinutes;
  if (!Number.isInteger(margin) || margin < 0 || margin > MAX_OVERDUE_MARGIN_MINUTES)
    fieldErrors.overdueMarginMinutes = [`Between 0 and ${MAX_OVERDUE_MARGIN_MINUTES} minutes.`];
  const first = Object.values(fieldErrors)[0]?.[0];
  if (first) throw new ValidationError(first, fieldErrors);

  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const data = {
      leadMinutes: input.leadMinutes,
      overdueMarginMinutes: margin,
      updatedById: who.id,
      updatedAt: now,
    };
    await tx.templateReminderPolicy.upsert({
      where: { templateId: templateId },
      create: { templateId: templateId, ...data },
      update: data,
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "template.reminder_policy_set",
      payload: { templateId: templateId, leadMinutes: input.leadMinutes, overdueMarginMinutes: margin },
      at: now,
    });
  });
  return getReminderPolicy({ actor: who, templateSlug: input.templateSlug });
}
