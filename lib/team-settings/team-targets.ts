import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { configSchemas } from "@/lib/notify/target-config";
import { CHANNEL_TYPES } from "@/lib/templates/definition";
import { fieldErrorsOf, parseInput } from "@/lib/validation/parse-input";
import { settingsTeam } from "@/lib/team-settings/team-access";

export const teamTargetRefSchema = z.object({
  team: z.string().trim().min(1).max(40),
  channel: z.enum(CHANNEL_TYPES, "Choose email, Slack or a status page."),
  name: z
    .string()
    .trim()
    .min(1, "Name the list, channel or page as the templates do.")
    .max(200, "At most 200 characters."),
});

/**
 * Saves a team's own target for a channel name, audited in the workspace stream with the
 * configuration before and after. The team's runs then use it instead of the workspace's
 * target of that name (lib/notify/resolve-target.ts).
 */
export async function saveTeamTarget({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof teamTargetRefSchema> & { config: unknown }) {
  const ref = parseInput(teamTargetRefSchema, input, "Check the target.");
  const { team, actor: who } = await settingsTeam(actor, ref.team, "teams.integrations");
  const parsed = configSchemas[ref.channel].safeParse(input.config);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues[0]?.message ?? "The configuration is not valid.",
      fieldErrorsOf(parsed.error),
    );
  const config = parsed.data as object;
  const where = { teamId_channel_name: { teamId: team.id, channel: ref.channel, name: ref.name } };
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const before = await tx.teamIntegrationTarget.findUnique({ where });
    await tx.teamIntegrationTarget.upsert({
      where,
      create: {
        teamId: team.id,
        channel: ref.channel,
        name: ref.name,
        config,
        updatedById: who.id,
        updatedAt: now,
      },
      update: { config, updatedById: who.id, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "team.integration_target_saved",
      payload: {
        teamId: team.id,
        team: team.slug,
        channel: ref.channel,
        name: ref.name,
        before: (before?.config as object | undefined) ?? null,
        after: config,
      },
      at: now,
    });
  });
  return { channel: ref.channel, name: ref.name, config };
}

/** Removes a team's own target: the team's runs go back to the workspace's target of that name. */
export async function removeTeamTarget({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof teamTargetRefSchema>) {
  const ref = parseInput(teamTargetRefSchema, input, "Check the target.");
  const { team, actor: who } = await settingsTeam(actor, ref.team, "teams.integrations");
  const where = { teamId_channel_name: { teamId: team.id, channel: ref.channel, name: ref.name } };
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const before = await tx.teamIntegrationTarget.findUnique({ where });
    if (!before) throw new NotFoundError("The team has no target of that name.");
    await tx.teamIntegrationTarget.delete({ where });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "team.integration_target_removed",
      payload: {
        teamId: team.id,
        team: team.slug,
        channel: ref.channel,
        name: ref.name,
        before: before.config as object,
        after: null,
      },
      at: new Date(),
    });
  });
  return { removed: true };
}
