import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, TEAM_ROLES, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse-input";
import { applyGroupRoles, BY_GROUPS, BY_HAND, lastSeenGroups } from "@/lib/sign-in-groups/apply-group-roles";

export const newTeamSchema = z.object({
  name: z.string().trim().min(1, "Give the team a name").max(80),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and - (up to 40)"),
});

/** Creates a team (admins only), audited in the workspace stream. */
export async function createTeam({
  actor,
  ...input
}: { actor: Actor | null | "system" } & z.input<typeof newTeamSchema>) {
  const who = actor === "system" ? null : requirePermission(actor, "users.admin");
  const data = parseInput(newTeamSchema, input, "Check the team's details.");
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    if (await tx.team.findUnique({ where: { slug: data.slug } }))
      throw new ValidationError(`A team "${data.slug}" already exists.`, { slug: ["Already taken"] });
    const now = new Date();
    const team = await tx.team.create({ data: { ...data, createdAt: now } });
    await appendAuditEvent(tx, {
      actorId: who?.id ?? null,
      action: "team.created",
      payload: { teamId: team.id, slug: team.slug, name: team.name },
      at: now,
    });
    return team;
  });
}

export const teamRoleSchema = z.object({
  teamId: z.uuid(),
  userId: z.uuid(),
  /** null removes the person from the team. */
  role: z.enum(TEAM_ROLES).nullable(),
});

/**
 * Gives a person a role in a team by hand, changes it or (role null) removes them; admins
 * only, audited. Takes effect on the person's next request: roles are read on every one.
 * A hand-given role stands over what a sign-in group gives in that team; removing it lets the
 * group's role apply again. A role a group gives cannot be removed here: the mapping or the
 * person's groups decide it (docs/decisions/0016-sign-in-groups-map-to-team-roles.md).
 */
export async function setTeamRole({
  actor,
  ...input
}: { actor: Actor | null | "system" } & z.input<typeof teamRoleSchema>) {
  const who = actor === "system" ? null : requirePermission(actor, "users.admin");
  const { teamId, userId, role } = parseInput(teamRoleSchema, input, "Check the team role.");
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    // One after another: a transaction is one connection, which runs one query at a time.
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, slug: true } });
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    const held = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!team) throw new NotFoundError("No such team.");
    if (!user) throw new NotFoundError("No such user.");
    if (role === null && held?.source === BY_GROUPS)
      throw new ValidationError("A sign-in group gives this role; change the group mapping instead.", {
        role: ["Given by a sign-in group"],
      });
    if ((held?.role ?? null) === role && (role === null || held?.source === BY_HAND))
      return { changed: false };
    const now = new Date();
    if (role === null) await tx.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
    else
      await tx.teamMember.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, role, source: BY_HAND, createdAt: now },
        update: { role, source: BY_HAND },
      });
    await appendAuditEvent(tx, {
      actorId: who?.id ?? null,
      action: "team.role_changed",
      payload: {
        teamId,
        team: team.slug,
        userId,
        email: user.email,
        from: held?.role ?? null,
        to: role,
        via: BY_HAND,
      },
      at: now,
    });
    // With the hand-given role gone, what the person's groups give applies again.
    if (role === null) await applyGroupRoles(tx, { userId, groups: await lastSeenGroups(tx, userId), now });
    return { changed: true };
  });
}
