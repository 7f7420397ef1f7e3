import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";

export type Responsible = Actor & { email: string };

/**
 * Who answers for a timed announcement: the item's assignee, else the run's completers, else
 * the person who started the run; only active people.
 */
export async function responsiblePeople(runId: string, itemId: string): Promise<Responsible[]> {
  const select = {
    id: true,
    role: true,
    name: true,
    handle: true,
    email: true,
    active: true,
    teamRoles: { select: { teamId: true, role: true } },
  } as const;
  const item = await db().runItem.findUniqueOrThrow({
    where: { id: itemId },
    select: { assignee: { select } },
  });
  if (item.assignee?.active) return [asResponsible(item.assignee)];
  const completers = (await db().runAssignee.findMany({ where: { runId }, select: { user: { select } } }))
    .map((c) => c.user)
    .filter((u) => u.active);
  if (completers.length) return completers.map(asResponsible);
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { createdBy: { select } } });
  return run.createdBy.active ? [asResponsible(run.createdBy)] : [];
}

// The person as the domain checks them: with the roles they hold in each team.
function asResponsible(u: {
  id: string;
  role: Actor["role"];
  name: string;
  handle: string;
  email: string;
  teamRoles: { teamId: string; role: string }[];
}): Responsible {
  return {
    id: u.id,
    role: u.role,
    name: u.name,
    handle: u.handle,
    email: u.email,
    teamRoles: Object.fromEntries(u.teamRoles.map((m) => [m.teamId, m.role])) as Actor["teamRoles"],
  };
}
