import "server-only";
import { db } from "@/lib/db";
import { requirePermission, rolesInTeam, visibleTeams, type Actor } from "@/lib/auth/permissions";
import { UnauthenticatedError } from "@/lib/errors";

export type TeamView = { id: string; slug: string; name: string; roles: string[] };

/** The teams the actor may see (every team for a workspace-wide admin or auditor), with their roles there. */
export async function listMyTeams({ actor }: { actor: Actor | null }): Promise<TeamView[]> {
  if (!actor) throw new UnauthenticatedError();
  const visible = visibleTeams(actor);
  const teams = await db().team.findMany({
    where: visible === "all" ? {} : { id: { in: visible } },
    orderBy: [{ name: "asc" }],
    select: { id: true, slug: true, name: true },
  });
  return teams.map((t) => ({ ...t, roles: rolesInTeam(actor, t.id) }));
}

/** Every team, for an admin configuring the workspace. */
export async function listAllTeams({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "users.admin");
  return db().team.findMany({ orderBy: [{ name: "asc" }], select: { id: true, slug: true, name: true } });
}

/** Every team with its members and their roles, for the admins' teams page. */
export async function listTeamMembers({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "users.admin");
  return db().team.findMany({
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      members: {
        orderBy: { user: { name: "asc" } },
        select: { role: true, source: true, user: { select: { id: true, name: true, handle: true } } },
      },
    },
  });
}
