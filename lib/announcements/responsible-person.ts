import "server-only";
import { db } from "@/lib/db";

export type Responsible = { id: string; role: string; name: string; handle: string; email: string };

/**
 * Who answers for a timed announcement: the item's assignee, else the run's completers, else
 * the person who started the run; only active people.
 */
export async function responsiblePeople(runId: string, itemId: string): Promise<Responsible[]> {
  const select = { id: true, role: true, name: true, handle: true, email: true, active: true } as const;
  const item = await db().runItem.findUniqueOrThrow({
    where: { id: itemId },
    select: { assignee: { select } },
  });
  if (item.assignee?.active) return [item.assignee];
  const completers = (await db().runAssignee.findMany({ where: { runId }, select: { user: { select } } }))
    .map((c) => c.user)
    .filter((u) => u.active);
  if (completers.length) return completers;
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { createdBy: { select } } });
  return run.createdBy.active ? [run.createdBy] : [];
}
