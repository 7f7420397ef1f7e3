import "server-only";
import { db, type Tx } from "@/lib/db";
import { requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";

/**
 * A new run belongs to its template's team: the actor needs runs.write there, and a child
 * run's template must be of its parent's team. Either refusal says only that the template
 * does not exist, so another team's templates reveal nothing.
 */
export async function requireRunTeam(
  actor: Actor,
  templateTeamId: string,
  parentRunId: string | undefined,
  notFound: string,
): Promise<void> {
  requireTeamPermission(actor, "runs.write", templateTeamId, notFound);
  if (!parentRunId) return;
  const parent = await db().run.findUnique({ where: { id: parentRunId }, select: { teamId: true } });
  if (parent?.teamId !== templateTeamId) throw new NotFoundError(notFound);
}

/** The team's next run number; the caller holds the run-number lock. */
export async function nextTeamNumber(tx: Tx, teamId: string): Promise<number> {
  const max = await tx.run.aggregate({ where: { teamId }, _max: { teamNumber: true } });
  return (max._max.teamNumber ?? 0) + 1;
}
