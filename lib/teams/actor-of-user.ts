import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";

/**
 * A user as the domain sees them now, with the roles they hold in each team, or null when
 * they are gone or deactivated: for work done later on someone's behalf (a delivery, an
 * automation's outcome) and for the seed and scripts.
 */
export async function actorOfUser(
  where: { id: string } | { email: string },
  tx: Tx = db(),
): Promise<Actor | null> {
  const u = await tx.user.findUnique({
    where,
    select: {
      id: true,
      role: true,
      name: true,
      handle: true,
      active: true,
      teamRoles: { select: { teamId: true, role: true } },
    },
  });
  if (!u?.active) return null;
  return {
    id: u.id,
    role: u.role,
    name: u.name,
    handle: u.handle,
    teamRoles: Object.fromEntries(u.teamRoles.map((m) => [m.teamId, m.role])),
  };
}
