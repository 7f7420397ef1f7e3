import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { actorSelect, toActor } from "@/lib/teams/actor-of-user";

export type Responsible = Actor & { email: string };

/**
 * Who answers for a timed announcement: the item's assignee, else the run's completers, else
 * the person who started the run; only active people.
 */
export async function responsiblePeople(runId: string, itemId: string): Promise<Responsible[]> {
  const select = { ...actorSelect, email: true } as const;
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

// The person as the domain checks them, with where to write to them.
function asResponsible(u: Parameters<typeof toActor>[0] & { email: string }): Responsible {
  return { ...toActor(u), email: u.email };
}
