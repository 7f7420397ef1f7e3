import "server-only";
import { withTeamRoles } from "@/lib/teams/team-roles";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";

/**
 * Replaces one of a run's lists of people (its completers, its named approvers) with
 * `wanted`, inside the caller's run transaction: each must be active and hold `permission`,
 * and the event records the list before and after.
 */
export async function replaceRunPeople(
  tx: Tx,
  input: {
    list: "runAssignee" | "runApprover";
    runId: string;
    actor: Actor;
    now: Date;
    wanted: string[];
    permission: Permission;
    refusal: { message: string; field: string };
    action: string;
  },
): Promise<string[]> {
  const { runId, wanted, now } = input;
  const users = await withTeamRoles(
    await tx.user.findMany({ where: { id: { in: wanted }, active: true } }),
    tx,
  );
  const { teamId } = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { teamId: true } });
  // Each must hold the permission in the run's team.
  const unfit = wanted.filter((id) => !users.some((u) => u.id === id && can(u, input.permission, teamId)));
  if (unfit.length) throw new ValidationError(input.refusal.message, { userIds: [input.refusal.field] });
  // The two lists have the same shape (run, user, when); Prisma types their delegates apart.
  const table = tx[input.list] as unknown as Tx["runAssignee"];
  const before = (await table.findMany({ where: { runId } })).map((p) => p.userId);
  await table.deleteMany({ where: { runId, userId: { notIn: wanted } } });
  await table.createMany({
    data: wanted.filter((id) => !before.includes(id)).map((userId) => ({ runId, userId, createdAt: now })),
  });
  await appendAuditEvent(tx, {
    runId,
    actorId: input.actor.id,
    action: input.action,
    payload: { from: before, to: wanted },
    at: now,
  });
  return wanted;
}
