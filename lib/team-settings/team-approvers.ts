import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { withTeamRoles } from "@/lib/teams/team-roles";
import { parseInput } from "@/lib/validation/parse-input";
import { settingsTeam } from "@/lib/team-settings/team-access";

/** The most approvals a team may ask for: more than a GO round can sensibly gather. */
export const MAX_GO_APPROVALS = 20;

export const teamApproversSchema = z.object({
  team: z.string().trim().min(1).max(40),
  userIds: z.array(z.uuid("Choose people from the list.")).max(50, "At most 50 approvers."),
  /** Null: the template's decision item sets the quorum. */
  minApprovals: z
    .number("A whole number of approvals.")
    .int("A whole number of approvals.")
    .min(1, `Between 1 and ${MAX_GO_APPROVALS}.`)
    .max(MAX_GO_APPROVALS, `Between 1 and ${MAX_GO_APPROVALS}.`)
    .nullable()
    .default(null),
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
 * may decide), and the least number of approvals its GO needs. Each must be active and hold
 * runs.decide in the team; audited in the workspace stream with both before and after. Runs
 * already started keep their own list and quorum.
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
    const minBefore = await teamMinApprovals(tx, team.id);
    await tx.teamSettings.upsert({
      where: { teamId: team.id },
      create: { teamId: team.id, minGoApprovals: data.minApprovals, updatedById: who.id, updatedAt: now },
      update: { minGoApprovals: data.minApprovals, updatedById: who.id, updatedAt: now },
    });
    await tx.teamApprover.deleteMany({ where: { teamId: team.id, userId: { notIn: wanted } } });
    await tx.teamApprover.createMany({
      data: wanted
        .filter((id) => !before.includes(id))
        .map((userId) => ({ teamId: team.id, userId, createdAt: now })),
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "team.approvers_changed",
      payload: {
        teamId: team.id,
        team: team.slug,
        before: { approvers: before, minApprovals: minBefore },
        after: { approvers: wanted, minApprovals: data.minApprovals },
      },
      at: now,
    });
    return { userIds: wanted, minApprovals: data.minApprovals };
  });
}

/** The team's minimum GO quorum, or null when the template's decision item alone sets it. */
export async function teamMinApprovals(tx: Tx, teamId: string): Promise<number | null> {
  const row = await tx.teamSettings.findUnique({ where: { teamId }, select: { minGoApprovals: true } });
  return row?.minGoApprovals ?? null;
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

/**
 * A decision item's quorum in a new run: the template's, raised to the team's minimum when
 * that is higher. Taken at run start like the rest of the snapshot, so a later change of the
 * team's setting does not move the quorum of a run under way.
 */
export function withTeamQuorum<S extends { approvals?: number }>(
  kind: string,
  spec: S,
  min: number | null,
): S {
  if (kind !== "decision" || min === null || min <= (spec.approvals ?? 1)) return spec;
  return { ...spec, approvals: min };
}
