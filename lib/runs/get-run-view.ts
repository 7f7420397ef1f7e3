import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { holdersIn } from "@/lib/teams/team-roles";
import { runReadScope } from "@/lib/runs/read-scope";
import { NotFoundError } from "@/lib/errors";
import { parsedDefinition } from "@/lib/templates/version-definition";
import type { ItemSpec, RunView } from "@/lib/runs/run-view";
import { itemViewInclude, personSelect, toItemView } from "@/lib/runs/item-view";
import { toAutomationView } from "@/lib/aws/automation-view";
import { availabilityOfView } from "@/lib/runs/flow/view-availability";
import { notificationViewSelect, toNotificationView } from "@/lib/notify/notification-view";
import {
  timedAnnouncementViewInclude,
  toTimedAnnouncementView,
} from "@/lib/announcements/timed-announcement-view";

export async function getRunView({
  actor: maybeActor,
  number,
}: {
  actor: Actor | null;
  number: number;
}): Promise<RunView> {
  const scope = runReadScope(maybeActor);
  const run = await db().run.findFirst({
    where: { number, ...scope },
    include: {
      createdBy: personSelect,
      team: { select: { id: true, slug: true, name: true } },
      assignees: { include: { user: personSelect }, orderBy: { createdAt: "asc" } },
      templateVersion: { include: { template: true } },
      sections: { orderBy: { position: "asc" } },
      decisions: { orderBy: { decidedAt: "desc" }, include: { decidedBy: personSelect } },
      parent: { select: { number: true, title: true } },
      children: {
        orderBy: { number: "asc" },
        select: { id: true, number: true, title: true, status: true, parentItemId: true },
      },
      items: {
        orderBy: { position: "asc" },
        include: itemViewInclude,
      },
      automations: { orderBy: { createdAt: "asc" } },
      notifications: { orderBy: { createdAt: "asc" }, select: notificationViewSelect },
      timedAnnouncements: { include: timedAnnouncementViewInclude },
    },
  });
  if (!run) throw new NotFoundError(`Run #${number} does not exist.`);
  const [people, childProgress, approval] = await Promise.all([
    db().user.findMany({
      where: { active: true, ...holdersIn(run.teamId, "runs.write") },
      select: { id: true, name: true, handle: true },
      orderBy: { name: "asc" },
    }),
    run.children.length
      ? db().runItem.groupBy({
          by: ["runId", "state"],
          where: { runId: { in: run.children.map((c) => c.id) } },
          _count: { _all: true },
        })
      : [],
    approvalView(run.id, run.items),
  ]);
  const def = parsedDefinition(run.templateVersionId, run.templateVersion.definition);
  const sectionDefs = new Map(def.sections.map((d) => [d.key, d]));
  const count = (runId: string, states: string[]) =>
    childProgress
      .filter((g) => g.runId === runId && states.includes(g.state))
      .reduce((n, g) => n + g._count._all, 0);
  const view: Omit<RunView, "availability"> = {
    id: run.id,
    number: run.number,
    team: run.team,
    teamNumber: run.teamNumber,
    title: run.title,
    rehearsal: run.rehearsal,
    status: run.status,
    templateName: run.templateVersion.template.name,
    templateVersion: run.templateVersion.version,
    fields: run.fields as Record<string, string>,
    fieldDefs: def.fields,
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdBy,
    assignees: run.assignees.map((a) => a.user),
    result: run.result as RunView["result"],
    closedAt: run.closedAt?.toISOString() ?? null,
    window: run.windowStart
      ? {
          start: run.windowStart.toISOString(),
          end: run.windowEnd?.toISOString() ?? null,
          timeZone: run.windowTimeZone,
        }
      : null,
    decisions: run.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
      supersedesId: d.supersedesId,
      planSha256: d.planSha256,
    })),
    approval,
    parent: run.parent,
    children: run.children.map((c) => ({
      ...c,
      done: count(c.id, ["done", "skipped"]),
      total: count(c.id, ["open", "done", "skipped"]),
    })),
    sections: run.sections.map((s) => ({
      id: s.id,
      key: s.key,
      position: s.position,
      title: s.title,
      offsetMinutes: s.offsetMinutes,
      offsetLabel: s.offsetLabel,
      branch: s.branch,
      annotationId: sectionDefs.get(s.key)?.id,
      needs: sectionDefs.get(s.key)?.needs,
    })),
    items: run.items.map(toItemView),
    people,
    automations: run.automations.map(toAutomationView),
    notifications: run.notifications.map(toNotificationView),
    timedAnnouncements: run.timedAnnouncements.map(toTimedAnnouncementView),
  };
  return { ...view, availability: availabilityOfView(view) };
}

/** The current round of votes on the run's decision item, when its template asks for approvals. */
async function approvalView(
  runId: string,
  items: { id: string; kind: string; spec: unknown }[],
): Promise<RunView["approval"]> {
  const item = items.find((i) => i.kind === "decision" && (i.spec as ItemSpec).approvals);
  if (!item) return null;
  const quorum = (item.spec as ItemSpec).approvals!;
  const round = await db().runDecision.count({ where: { runId, itemId: item.id } });
  const votes = await db().runApproval.findMany({
    where: { itemId: item.id, round },
    orderBy: { createdAt: "asc" },
    include: { user: personSelect },
  });
  const named = await db().runApprover.findMany({
    where: { runId },
    orderBy: { createdAt: "asc" },
    include: { user: personSelect },
  });
  return {
    itemId: item.id,
    quorum,
    round,
    votes: votes.map((v) => ({
      id: v.id,
      by: v.user,
      vote: v.vote,
      rationale: v.rationale,
      at: v.createdAt.toISOString(),
    })),
    named: named.map((n) => n.user),
    awaited: named.map((n) => n.user).filter((u) => !votes.some((v) => v.userId === u.id)),
  };
}
