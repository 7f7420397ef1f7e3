import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";

/**
 * A user as the domain sees them now, with the roles they hold in each team, or null when
 * they are gone or deactivated: for work done later on someone's behalf (a delivery, an
 * automation's outcome) and for the seed and scripts.
 */
/** What an actor is read with: the user's own role and the role held in each team. */
export const actorSelect = {
  id: true,
  role: true,
  name: true,
  handle: true,
  active: true,
  teamRoles: { select: { teamId: true, role: true } },
} as const;

type ActorRow = {
  id: string;
  role: Actor["role"];
  name: string;
  handle: string;
  teamRoles: { teamId: string; role: string }[];
};

/** A user row read with `actorSelect` as the domain's actor. */
export function toActor(u: ActorRow): Actor {
  return {
    id: u.id,
    role: u.role,
    name: u.name,
    handle: u.handle,
    teamRoles: Object.fromEntries(u.teamRoles.map((m) => [m.teamId, m.role])),
  };
}

export async function actorOfUser(
  where: { id: string } | { email: string },
  tx: Tx = db(),
): Promise<Actor | null> {
  const u = await tx.user.findUnique({ where, select: actorSelect });
  return u?.active ? toActor(u) : null;
}
