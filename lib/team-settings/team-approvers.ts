import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { withTeamRoles } from "@/lib/teams/team-roles";
import { parseInput } from "@/lib/validation/parse-input";
import { settingsTeam } from "@/lib/team-settings/team-access";

export const teamApproversSchema = z.object({
  team: z.string().trim().min(1).max(40),
  userIds: z.array(z.uuid("Choose people from the list.")).max(50, "At most 50 approvers."),
});

/** Of these people, those who are active and may decide in the team now. */
async function fitToApprove(tx: Tx, teamId: string, userIds: string[]): Promise<string[]> {
  const users = await withTeamRoles(
    await tx.user.findMany({
      where: { id: { in: userIds }, active: true },
      select: { id: true, role: true },
    }),
    tx,
  );
  return userIds.filter((id) => users.some((u) => u.id === id && can(u, "runs.decide", teamId)));
}

/**
 * Names the people every new run of the team starts with as its approvers (none: anyone who
 * may decide). Each must be active and hold runs.decide in the team; audited in the workspace
 * stream with the list before and after. Runs already started keep their own list.
 */
export async function setTeamApprovers({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof teamApproversSchema>) {
  const data = parseInput(teamApproversSchema, input, "Check the approvers.");
  const { team, actor: who } = await settingsTeam(actor, data.team, "teams.settings");
  const wanted = [...new Set(data.userIds)];
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const fit = await fitToApprove(tx, team.id, wanted);
    if (fit.length !== wanted.length)
      throw new ValidationError("Only active people who may decide in this team can approve.", {
        userIds: ["Not an active person with runs.decide in this team"],
      });
    const now = new Date();
    const before = (
      await tx.teamApprover.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.userId);
    await tx.teamApprover.deleteMany({ where: { teamId: team.id, userId: { notIn: wanted } } });
    await tx.teamApprover.createMany({
      data: wanted
        .filter((id) => !before.includes(id))
        .map((userId) => ({ teamId: team.id, userId, createdAt: now })),
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "team.approvers_changed",
      payload: { teamId: team.id, team: team.slug, before, after: wanted },
      at: now,
    });
    return { userIds: wanted };
  });
}

/**
 * A new run's named approvers from its team's defaults, inside the transaction that creates
 * the run and after its run.created event: the run's own stream records them. Someone named
 * by the team who may no longer decide there is left out, and the event says so.
 */
export async function startWithTeamApprovers(
  tx: Tx,
  run: { id: string; teamId: string },
  actor: Actor,
  now: Date,
): Promise<string[]> {
  const named = (
    await tx.teamApprover.findMany({ where: { teamId: run.teamId }, orderBy: { createdAt: "asc" } })
  ).map((a) => a.userId);
  if (!named.length) return [];
  const fit = await fitToApprove(tx, run.teamId, named);
  await tx.runApprover.createMany({ data: fit.map((userId) => ({ runId: run.id, userId, createdAt: now })) });
  const leftOut = named.filter((id) => !fit.includes(id));
  await appendAuditEvent(tx, {
    runId: run.id,
    actorId: actor.id,
    action: "run.approvers_changed",
    payload: { from: [], to: fit, via: "team-settings", ...(leftOut.length ? { leftOut } : {}) },
    at: now,
  });
  return fit;
}
