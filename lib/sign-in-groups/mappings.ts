import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, TEAM_ROLES, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse-input";
import { MAX_GROUP_LENGTH } from "@/lib/sign-in-groups/claim";
import { reapplyGroup } from "@/lib/sign-in-groups/apply-group-roles";

export const signInGroupMappingSchema = z.object({
  /** The group exactly as the provider lists it in the claim. */
  group: z.string().trim().min(1, "Name the group").max(MAX_GROUP_LENGTH),
  /** The team's slug. */
  team: z.string().trim().min(1, "Name the team by its slug").max(40),
  role: z.enum(TEAM_ROLES, "Choose operator, auditor or subscriber"),
});

/**
 * Maps a group to a role in a team, or changes the role it gives (admins only), audited.
 * A team that does not exist is refused on the `team` field and nothing is stored. Applies at
 * once to everyone whose groups at their last sign-in include the group.
 */
export async function mapSignInGroup({
  actor,
  ...input
}: {
  actor: Actor | null;
  group: string;
  team: string;
  role: string;
}) {
  const who = requirePermission(actor, "users.admin");
  const { group, team: slug, role } = parseInput(signInGroupMappingSchema, input, "Check the group mapping.");
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const team = await tx.team.findUnique({ where: { slug }, select: { id: true, slug: true } });
    if (!team) throw new ValidationError(`There is no team "${slug}".`, { team: [`No team "${slug}"`] });
    const key = { groupValue_teamId: { groupValue: group, teamId: team.id } };
    const before = await tx.signInGroupMapping.findUnique({ where: key });
    if (before?.role === role) return { id: before.id, changed: false };
    const now = new Date();
    const row = await tx.signInGroupMapping.upsert({
      where: key,
      create: { groupValue: group, teamId: team.id, role, createdAt: now },
      update: { role },
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "sign_in_group.mapped",
      payload: {
        mappingId: row.id,
        group,
        teamId: team.id,
        team: team.slug,
        from: before?.role ?? null,
        to: role,
      },
      at: now,
    });
    await reapplyGroup(tx, group, now);
    return { id: row.id, changed: true };
  });
}

export const signInGroupMappingIdSchema = z.object({ id: z.uuid() });

/** Removes a mapping (admins only), audited; the people it gave a role lose it at their next request. */
export async function unmapSignInGroup({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof signInGroupMappingIdSchema>) {
  const who = requirePermission(actor, "users.admin");
  const { id } = parseInput(signInGroupMappingIdSchema, input, "Check the group mapping.");
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const row = await tx.signInGroupMapping.findUnique({
      where: { id },
      select: { groupValue: true, teamId: true, role: true, team: { select: { slug: true } } },
    });
    if (!row) throw new NotFoundError("No such group mapping.");
    await tx.signInGroupMapping.delete({ where: { id } });
    const now = new Date();
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "sign_in_group.unmapped",
      payload: {
        mappingId: id,
        group: row.groupValue,
        teamId: row.teamId,
        team: row.team.slug,
        role: row.role,
      },
      at: now,
    });
    await reapplyGroup(tx, row.groupValue, now);
    return { removed: true };
  });
}

/** Every mapping, for the admins' page. */
export async function listSignInGroupMappings({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "users.admin");
  return db().signInGroupMapping.findMany({
    orderBy: [{ groupValue: "asc" }, { team: { slug: "asc" } }],
    select: { id: true, groupValue: true, role: true, team: { select: { slug: true, name: true } } },
  });
}
