import "server-only";
import { db } from "@/lib/db";
import type { ReminderKind } from "@/lib/reminders/plan-reminders";
import type { ItemSpec } from "@/lib/runs/run-view";

export type Recipient = { id: string; name: string; handle: string; email: string };

/**
 * Who a reminder is for. Before a phase: the assignees of its open items and the run's
 * completers. When it is overdue: the completers, who answer for the run as a whole. With
 * nobody named, the person who started the run.
 */
export async function reminderRecipients(
  runId: string,
  sectionId: string,
  kind: ReminderKind,
): Promise<Recipient[]> {
  const [completers, items, run] = await Promise.all([
    db().runAssignee.findMany({ where: { runId }, include: { user: true } }),
    kind === "lead"
      ? db().runItem.findMany({
          where: { sectionId, state: "open", assigneeId: { not: null } },
          include: { assignee: true },
        })
      : Promise.resolve([]),
    db().run.findUniqueOrThrow({ where: { id: runId }, include: { createdBy: true } }),
  ]);
  const people = [...items.map((i) => i.assignee!), ...completers.map((c) => c.user)].filter((u) => u.active);
  if (!people.length && run.createdBy.active) people.push(run.createdBy);
  const byId = new Map(people.map((u) => [u.id, u]));
  return [...byId.values()].map((u) => ({ id: u.id, name: u.name, handle: u.handle, email: u.email }));
}

/** The Slack targets the run's announcements name: where the run's news already goes. */
export async function runSlackTargets(runId: string): Promise<string[]> {
  const items = await db().runItem.findMany({ where: { runId }, select: { spec: true } });
  const names = new Set<string>();
  for (const { spec } of items) {
    const s = spec as ItemSpec;
    for (const c of [...(s.channels ?? []), ...(s.channel ? [s.channel] : [])])
      if (c.type === "slack") names.add(c.target);
  }
  return [...names];
}
