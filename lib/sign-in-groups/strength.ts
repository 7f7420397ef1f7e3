import { TEAM_ROLES, type TeamRole } from "@/lib/auth/permissions";

/**
 * Team roles from the strongest: each one's permissions include the next one's
 * (strength.test.ts checks this against the permission table).
 */
export const ROLES_BY_STRENGTH: readonly TeamRole[] = ["operator", "auditor", "subscriber"];

export function isTeamRole(role: string): role is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(role);
}

/** The stronger of two roles, when several groups map one person into one team. */
export function strongerRole(a: TeamRole | undefined, b: TeamRole): TeamRole {
  if (a === undefined) return b;
  return ROLES_BY_STRENGTH.indexOf(a) <= ROLES_BY_STRENGTH.indexOf(b) ? a : b;
}
