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
  "templates.read": ["admin", "operator", "auditor"],
  "templates.write": ["admin", "operator"],
  "audit.read": ["admin", "auditor", "operator"],
  "users.admin": ["admin"],
} as const satisfies Record<string, readonly RoleName[]>;
export type Permission = keyof typeof PERMISSIONS;

export type Actor = {
  id: string;
  role: string;
  name: string;
  handle: string;
};

export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const allowed: readonly string[] = PERMISSIONS[permission] ?? [];
  return allowed.includes(actor.role);
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) {
    throw new ForbiddenError(`Your role (${actor.role}) does not allow ${permission}.`);
  }
  return actor;
}
