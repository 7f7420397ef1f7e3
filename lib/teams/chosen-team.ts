import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/permissions";
import { listMyTeams, type TeamView } from "@/lib/teams/list-teams";

/** The cookie the team switcher sets: a team's slug, or absent for all my teams. */
export const TEAM_COOKIE = "runsheet-team";

/**
 * The team the lists are narrowed to, as chosen in the header's switcher: only ever one
 * of the actor's own teams (a stale or forged cookie means all of them). A preference for
 * display; what the actor may see is decided by the domain functions.
 */
export async function chosenTeam(actor: Actor): Promise<{ teams: TeamView[]; chosen: TeamView | null }> {
  const [teams, jar] = await Promise.all([listMyTeams({ actor }), cookies()]);
  const slug = jar.get(TEAM_COOKIE)?.value;
  return { teams, chosen: teams.find((t) => t.slug === slug) ?? null };
}
