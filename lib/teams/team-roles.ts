import "server-only";
import { db, type Tx } from "@/lib/db";
import { PERMISSIONS, TEAM_ROLES, type Permission, type TeamRole } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Team id → the role a user holds in it: what Actor.teamRoles carries. */
export async function loadTeamRoles(userId: string, tx: Tx = db()): Promise<Record<string, string>> {
  const rows = await tx.teamMember.findMany({ where: { userId }, select: { teamId: true, role: true } });
  return Object.fromEntries(rows.map((r) => [r.teamId, r.role]));
}

/** Users with the roles they hold in each team, so that `can(user, permission, teamId)` answers for them. */
export async function withTeamRoles<U extends { id: string }>(
  users: U[],
  tx: Tx = db(),
): Promise<(U & { teamRoles: Record<string, string> })[]> {
  const rows = users.length
    ? await tx.teamMember.findMany({
        where: { userId: { in: users.map((u) => u.id) } },
        select: { userId: true, teamId: true, role: true },
      })
    : [];
  return users.map((u) => ({
    ...u,
    teamRoles: Object.fromEntries(rows.filter((r) => r.userId === u.id).map((r) => [r.teamId, r.role])),
  }));
}

/** The users who hold a permission in a team: by a workspace-wide role or by their role there. */
export function holdersIn(teamId: string, permission: Permission): Prisma.UserWhereInput {
  const allowed: readonly string[] = PERMISSIONS[permission];
  const teamRoles = TEAM_ROLES.filter((r) => allowed.includes(r)) as TeamRole[];
  const workspaceRoles = (["admin", "auditor"] as const).filter((r) => allowed.includes(r));
  return {
    OR: [{ role: { in: workspaceRoles } }, { teamRoles: { some: { teamId, role: { in: teamRoles } } } }],
  };
}
