import "server-only";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { defaultLeadMinutes, leadTimeProblem, MAX_OVERDUE_MARGIN_MINUTES } from "@/lib/reminders/lead-time";
import { DEFAULT_POLICY, type ReminderPolicy } from "@/lib/reminders/plan-reminders";

const storedLeads = z.record(z.string(), z.number().int());

/** The template's policy, or the defaults when it has none. */
export async function readReminderPolicy(tx: Tx, templateId: string): Promise<ReminderPolicy> {
  const row = await tx.templateReminderPolicy.findUnique({ where: { templateId } });
  if (!row) return DEFAULT_POLICY;
  const leads = storedLeads.safeParse(row.leadMinutes);
  return {
    leadMinutes: leads.success ? leads.data : {},
    overdueMarginMinutes: row.overdueMarginMinutes,
  };
}

export type PhaseLead = {
  key: string;
  title: string;
  offsetLabel: string;
  offsetMinutes: number;
  leadMinutes: number;
  isDefault: boolean;
};

/** The template's latest version, by the slug in its URL. */
async function latestVersion(templateSlug: string) {
  const latest = await db().templateVersion.findFirst({
    where: { template: { slug: templateSlug } },
    orderBy: { version: "desc" },
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
  const policy = await readReminderPolicy(db(), templateId);
  const def = definitionSchema.parse(latest.definition);
  const phases: PhaseLead[] = def.sections.flatMap((s) =>
    s.offset
      ? [
          {
            key: s.key,
            title: s.title,
            offsetLabel: s.offset.label,
            offsetMinutes: s.offset.minutes,
            leadMinutes: policy.leadMinutes[s.key] ?? defaultLeadMinutes(s.offset.minutes),
            isDefault: policy.leadMinutes[s.key] === undefined,
          },
        ]
      : [],
  );
  return { templateSlug, overdueMarginMinutes: policy.overdueMarginMinutes, phases };
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
