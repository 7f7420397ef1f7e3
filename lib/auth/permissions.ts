import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";

/**
 * The one permission table. A role not listed for a permission does not have it;
 * a role the table does not know has none.
 *
 * Team permissions are checked in a team: the roles counted there are the actor's
 * workspace-wide admin or auditor role and the role they hold in that team
 * (docs/decisions/0014-teams-and-run-numbers.md). Workspace permissions ignore teams.
 */
export const ROLES = ["admin", "operator", "auditor", "subscriber"] as const;
export type RoleName = (typeof ROLES)[number];

/** Roles held per team; admin is workspace-wide only, an auditor may be either. */
export const TEAM_ROLES = ["operator", "auditor", "subscriber"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** The roles on the user row that count in every team. */
const WORKSPACE_WIDE: readonly string[] = ["admin", "auditor"];

export const PERMISSIONS = {
  "runs.read": ["admin", "operator", "auditor"],
  "runs.write": ["admin", "operator"],
  /** Recording or revising the Go/No-Go decision. */
  "runs.decide": ["admin", "operator"],
  "templates.read": ["admin", "operator", "auditor"],
  "templates.write": ["admin", "operator"],
  "audit.read": ["admin", "auditor", "operator"],
  /** Downloading a run's evidence (Markdown, JSON bundle, CSV). */
  "audit.export": ["admin", "auditor", "operator"],
  "users.admin": ["admin"],
  /** Sending announcements and running integration steps from a run. */
  "integrations.run": ["admin", "operator"],
  /** Configuring integration targets (lists, webhooks, status pages) and sending test messages. */
  "integrations.admin": ["admin"],
  /** Changing a team's default approvers, minimum GO quorum and reminder lead times. */
  "teams.settings": ["admin", "operator"],
  /**
   * A team's own integration targets and their test messages: where its runs' announcements
   * go and which of the server's secrets they use. Admins only, like the workspace's targets.
   */
  "teams.integrations": ["admin"],
  // Acknowledging one's own subscription: every known role, subscribers included.
  "acks.own": ["admin", "operator", "auditor", "subscriber"],
} as const satisfies Record<string, readonly RoleName[]>;
export type Permission = keyof typeof PERMISSIONS;

/** Permissions over the whole workspace rather than one team's templates and runs. */
const WORKSPACE_PERMISSIONS: readonly Permission[] = ["users.admin", "integrations.admin"];

export type Actor = {
  id: string;
  /** The role on the user row: admin and auditor count in every team, the others in none. */
  role: string;
  name: string;
  handle: string;
  /** Team id → the role held in that team, read with the user on every request. */
  teamRoles: Readonly<Record<string, string>>;
  /**
   * Set when the request came with an API token: the permissions the token was given.
   * The actor may then do what both the token and the owner's current roles allow.
   */
  scopes?: readonly Permission[];
  /** Set with `scopes`: the one team the token acts in. */
  tokenTeamId?: string;
};

type Checked = Pick<Actor, "role" | "scopes" | "tokenTeamId"> & { teamRoles?: Actor["teamRoles"] };

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

export function isWorkspacePermission(permission: Permission): boolean {
  return WORKSPACE_PERMISSIONS.includes(permission);
}

/** The roles that count for the actor in one team. */
export function rolesInTeam(actor: Checked, teamId: string): string[] {
  if (actor.tokenTeamId && actor.tokenTeamId !== teamId) return [];
  const roles = WORKSPACE_WIDE.includes(actor.role) ? [actor.role] : [];
  const held = actor.teamRoles?.[teamId];
  return held ? [...roles, held] : roles;
}

/**
 * The teams in which the actor may act at all, or "all" for a workspace-wide admin or
 * auditor signed in (a token always names one team).
 */
export function visibleTeams(actor: Checked): string[] | "all" {
  if (actor.tokenTeamId) return [actor.tokenTeamId];
  if (WORKSPACE_WIDE.includes(actor.role)) return "all";
  return Object.keys(actor.teamRoles ?? {});
}

function roleAllows(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission] ?? [];
  return roles.some((r) => allowed.includes(r));
}

/**
 * Whether the actor has the permission: in `teamId` when given; without one, a team
 * permission asks "in at least one team" (what a menu or an early refusal needs).
 */
export function can(actor: Checked | null | undefined, permission: Permission, teamId?: string): boolean {
  if (!actor) return false;
  if (actor.scopes && !actor.scopes.includes(permission)) return false;
  if (isWorkspacePermission(permission)) return roleAllows([actor.role], permission);
  if (teamId !== undefined) return roleAllows(rolesInTeam(actor, teamId), permission);
  const teams = actor.tokenTeamId ? [actor.tokenTeamId] : Object.keys(actor.teamRoles ?? {});
  return (
    (!actor.tokenTeamId &&
      roleAllows(
        [actor.role].filter((r) => WORKSPACE_WIDE.includes(r)),
        permission,
      )) ||
    teams.some((t) => roleAllows(rolesInTeam(actor, t), permission))
  );
}

/** The teams in which the actor has the permission, or "all". */
export function teamsWith(actor: Checked, permission: Permission): string[] | "all" {
  if (actor.scopes && !actor.scopes.includes(permission)) return [];
  const visible = visibleTeams(actor);
  if (visible === "all")
    return roleAllows([actor.role], permission) ? "all" : teamsHeldWith(actor, permission);
  return visible.filter((t) => roleAllows(rolesInTeam(actor, t), permission));
}

function teamsHeldWith(actor: Checked, permission: Permission): string[] {
  return Object.keys(actor.teamRoles ?? {}).filter((t) => roleAllows(rolesInTeam(actor, t), permission));
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) {
    throw new ForbiddenError(
      can({ ...actor, scopes: undefined }, permission)
        ? `This API token's scopes do not include ${permission}.`
        : `Your role (${actor.role}) does not allow ${permission}.`,
    );
  }
  return actor;
}

/**
 * The permission in the team of the object acted on (a run's, a template's: never a team
 * the request names). Someone who cannot even read that team is told the object does not
 * exist, in the caller's words, so that another team's objects reveal nothing.
 */
export function requireTeamPermission(
  actor: Actor | null | undefined,
  permission: Permission,
  teamId: string,
  notFound: string,
): Actor {
  if (!actor) throw new UnauthenticatedError();
  const roles = rolesInTeam(actor, teamId);
  if (!roles.length) throw new NotFoundError(notFound);
  if (!can(actor, permission, teamId)) {
    throw new ForbiddenError(
      can({ ...actor, scopes: undefined }, permission, teamId)
        ? `This API token's scopes do not include ${permission}.`
        : `Your role (${roles.join(", ")}) does not allow ${permission}.`,
    );
  }
  return actor;
}
