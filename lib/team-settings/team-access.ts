import "server-only";
import { db, type Tx } from "@/lib/db";
import { requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";

export type SettingsTeam = { id: string; slug: string; name: string };

/**
 * The team whose settings are read or changed, by the slug in its address, with the
 * permission checked in that team: reading needs runs.read there, changing teams.settings
 * (teams.integrations for its targets).
 * Someone with no role in the team is told it does not exist.
 */
export async function settingsTeam(
  actor: Actor | null | undefined,
  slug: string,
  permission: "runs.read" | "teams.settings" | "teams.integrations",
  tx: Tx = db(),
): Promise<{ team: SettingsTeam; actor: Actor }> {
  if (!actor) throw new UnauthenticatedError();
  const missing = `No team "${slug}".`;
  const team = await tx.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!team) throw new NotFoundError(missing);
  return { team, actor: requireTeamPermission(actor, permission, team.id, missing) };
}
