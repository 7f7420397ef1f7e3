import "server-only";
import { db, type Tx } from "@/lib/db";
import { requireTeamPermission, type Actor, type Permission } from "@/lib/auth/permissions";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";

const NO_RUN = "No such run.";

/**
 * The permission in the team of the run acted on. A run's team never changes, so it is
 * read once, before the run's lock. Another team's run is as missing as one that does not
 * exist (lib/auth/permissions.ts, requireTeamPermission).
 */
export async function requireRunPermission(
  actor: Actor | null | undefined,
  runId: string,
  permission: Permission,
  tx: Tx = db(),
): Promise<Actor> {
  if (!actor) throw new UnauthenticatedError();
  const run = UUID.test(runId)
    ? await tx.run.findUnique({ where: { id: runId }, select: { teamId: true } })
    : null;
  if (!run) throw new NotFoundError(NO_RUN);
  return requireTeamPermission(actor, permission, run.teamId, NO_RUN);
}

/** The same for a template, by id or slug: another team's template is as missing as none. */
export async function requireTemplatePermission(
  actor: Actor | null | undefined,
  where: { id: string } | { slug: string },
  permission: Permission,
  tx: Tx = db(),
): Promise<Actor> {
  if (!actor) throw new UnauthenticatedError();
  const missing = "slug" in where ? `No template "${where.slug}".` : "No such template.";
  const template =
    "id" in where && !UUID.test(where.id)
      ? null
      : await tx.template.findUnique({ where, select: { teamId: true } });
  if (!template) throw new NotFoundError(missing);
  return requireTeamPermission(actor, permission, template.teamId, missing);
}
