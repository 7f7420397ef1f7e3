import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { BY_HAND } from "@/lib/sign-in-groups/apply-group-roles";

/**
 * The workspace's oldest team: templates imported without a team and people created
 * without one go there. The teams migration makes one, so there always is one.
 */
export async function defaultTeam(tx: Tx = db()): Promise<{ id: string; slug: string; name: string }> {
  const team = await tx.team.findFirst({
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, name: true },
  });
  if (!team) throw new NotFoundError("The workspace has no team.");
  return team;
}

/** A team by slug, or the default team when none is named. */
export async function teamBySlugOrDefault(slug: string | undefined, tx: Tx = db()) {
  if (slug === undefined) return defaultTeam(tx);
  const team = await tx.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!team) throw new NotFoundError(`No team "${slug}".`);
  return team;
}

/** A team by id, or the default team when none is named. */
export async function teamByIdOrDefault(id: string | undefined, tx: Tx = db()) {
  if (id === undefined) return defaultTeam(tx);
  const team = await tx.team.findUnique({ where: { id }, select: { id: true, slug: true, name: true } });
  if (!team) throw new NotFoundError("No such team.");
  return team;
}

/** Operator and subscriber are only ever held in a team. */
export function isTeamRole(role: string): role is "operator" | "subscriber" {
  return role === "operator" || role === "subscriber";
}

/**
 * Where something the actor makes goes when they name no team: a token's team, else the
 * one team they hold a role in, else the default team.
 */
export async function teamFor(actor: Actor | null, slug: string | undefined, tx: Tx = db()) {
  if (slug !== undefined || !actor) return teamBySlugOrDefault(slug, tx);
  const held = Object.keys(actor.teamRoles);
  const own = actor.tokenTeamId ?? (held.length === 1 ? held[0] : undefined);
  return own ? teamByIdOrDefault(own, tx) : defaultTeam(tx);
}

/**
 * A new person's first team role: an operator or subscriber holds theirs in `teamId` (the
 * default team when not given); admin and auditor are workspace-wide and need none.
 */
export async function addFirstTeamRole(
  tx: Tx,
  user: { id: string; role: string },
  teamId: string | undefined,
  now: Date,
) {
  if (!isTeamRole(user.role)) return null;
  const team = await teamByIdOrDefault(teamId, tx);
  await tx.teamMember.create({ data: { teamId: team.id, userId: user.id, role: user.role, createdAt: now } });
  return team;
}

/**
 * A change of a person's role on the Users page moves the role they held in teams along:
 * their memberships in the old role take the new one, or end when the new role is
 * workspace-wide (admin, auditor); someone who becomes an operator or subscriber without a
 * team joins the default team. Other team roles (a subscriber elsewhere) stay, and so do
 * roles from sign-in groups: those follow the group mapping alone (decision 0016).
 */
export async function moveTeamRoles(tx: Tx, userId: string, from: string, to: string, now: Date) {
  if (from === to) return;
  if (isTeamRole(from)) {
    const byHand = { userId, role: from, source: BY_HAND };
    if (isTeamRole(to)) await tx.teamMember.updateMany({ where: byHand, data: { role: to } });
    else await tx.teamMember.deleteMany({ where: byHand });
  }
  if (isTeamRole(to) && !(await tx.teamMember.count({ where: { userId } })))
    await addFirstTeamRole(tx, { id: userId, role: to }, undefined, now);
}
