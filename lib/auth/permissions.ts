import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

/**
 * The one permission table. A role not listed for a permission does not have it;
 * a role the table does not know has none.
 */
export const ROLES = ["admin", "operator", "auditor", "subscriber"] as const;
export type RoleName = (typeof ROLES)[number];

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
  // Acknowledging one's own subscription: every known role, subscribers included.
  "acks.own": ["admin", "operator", "auditor", "subscriber"],
} as const satisfies Record<string, readonly RoleName[]>;
export type Permission = keyof typeof PERMISSIONS;

export type Actor = {
  id: string;
  role: string;
  name: string;
  handle: string;
  /**
   * Set when the request came with an API token: the permissions the token was given.
   * The actor may then do what both the token and the owner's current role allow.
   */
  scopes?: readonly Permission[];
};

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

export function can(
  actor: Pick<Actor, "role" | "scopes"> | null | undefined,
  permission: Permission,
): boolean {
  if (!actor) return false;
  if (actor.scopes && !actor.scopes.includes(permission)) return false;
  const allowed: readonly string[] = PERMISSIONS[permission] ?? [];
  return allowed.includes(actor.role);
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) {
    throw new ForbiddenError(
      can({ role: actor.role }, permission)
        ? `This API token's scopes do not include ${permission}.`
        : `Your role (${actor.role}) does not allow ${permission}.`,
    );
  }
  return actor;
}
