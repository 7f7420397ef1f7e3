import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, TEAM_ROLES, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse-input";

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
 * Gives a person a role in a team, changes it or (role null) removes them; admins only,
 * audited. Takes effect on the person's next request: roles are read on every one.
 * `via` names where the change came from (an admin, or the sign-in group mapping).
 */
export async function setTeamRole({
  actor,
  via = "admin",
  ...input
}: { actor: Actor | null | "system"; via?: "admin" | "sign-in-groups" } & z.input<typeof teamRoleSchema>) {
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
    if ((held?.role ?? null) === role) return { changed: false };
    const now = new Date();
    if (role === null) await tx.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
    else
      await tx.teamMember.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, role, createdAt: now },
        update: { role },
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
        via,
      },
      at: now,
    });
    return { changed: true };
  });
}
