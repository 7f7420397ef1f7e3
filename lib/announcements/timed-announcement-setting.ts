import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse-input";
import type { TimedAnnouncementMode } from "@/lib/announcements/plan-timed-announcements";

export const timedAnnouncementModeSchema = z.enum(["off", "confirm", "auto"], {
  error: "Choose off, ask for a confirm, or send on its own.",
});

export const setTimedAnnouncementModeInput = z.object({
  templateSlug: z.string().min(1).max(200),
  mode: timedAnnouncementModeSchema,
});

/** The template's choice; "off" when it has made none. */
export async function readTimedAnnouncementMode(tx: Tx, templateId: string): Promise<TimedAnnouncementMode> {
  const row = await tx.templateReminderPolicy.findUnique({
    where: { templateId },
    select: { timedAnnouncements: true },
  });
  const parsed = timedAnnouncementModeSchema.safeParse(row?.timedAnnouncements);
  return parsed.success ? parsed.data : "off";
}

async function templateIdOf(templateSlug: string): Promise<string> {
  const t = await db().template.findUnique({ where: { slug: templateSlug }, select: { id: true } });
  if (!t) throw new NotFoundError("No such template.");
  return t.id;
}

export async function getTimedAnnouncementMode({
  actor,
  templateSlug,
}: {
  actor: Actor | null;
  templateSlug: string;
}): Promise<TimedAnnouncementMode> {
  await requireTemplatePermission(actor, { slug: templateSlug }, "templates.read");
  return readTimedAnnouncementMode(db(), await templateIdOf(templateSlug));
}

/**
 * Opts a template's timed announcements in: at their time they ask the responsible person
 * for a one-click confirm ("confirm") or send on their own ("auto"); audited. Open runs pick
 * it up at the next sweep.
 */
export async function setTimedAnnouncementMode({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof setTimedAnnouncementModeInput>): Promise<TimedAnnouncementMode> {
  const { templateSlug, mode } = parseInput(setTimedAnnouncementModeInput, input);
  const who = await requireTemplatePermission(actor, { slug: templateSlug }, "templates.write");
  const templateId = await templateIdOf(templateSlug);
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const data = { timedAnnouncements: mode, updatedById: who.id, updatedAt: now };
    await tx.templateReminderPolicy.upsert({
      where: { templateId },
      create: { templateId, ...data },
      update: data,
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "template.timed_announcements_set",
      payload: { templateId, mode },
      at: now,
    });
  });
  return mode;
}
