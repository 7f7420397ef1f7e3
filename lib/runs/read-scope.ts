import "server-only";
import { requirePermission, teamsWith, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * Which runs an actor may read: those of the teams where they have `runs.read` (every team
 * for a workspace-wide admin or auditor, the token's team for a token), and, signed in,
 * the runs they are a live subscriber of (a listener acknowledging from the run page).
 */
export function runReadScope(actor: Actor | null): Prisma.RunWhereInput {
  if (!actor) throw new UnauthenticatedError();
  const teams = teamsWith(actor, "runs.read");
  if (teams === "all") return {};
  const subscribed: Prisma.RunWhereInput[] = actor.scopes
    ? []
    : [{ subscribers: { some: { userId: actor.id, removedAt: null } } }];
  // Neither (a token without runs.read): say why.
  if (!teams.length && !subscribed.length) requirePermission(actor, "runs.read");
  return { OR: [{ teamId: { in: teams } }, ...subscribed] };
}

/** The templates an actor may see: those of the teams where they have `templates.read`. */
export function templateReadScope(actor: Actor | null): Prisma.TemplateWhereInput {
  const reader = requirePermission(actor, "templates.read");
  const teams = teamsWith(reader, "templates.read");
  return teams === "all" ? {} : { teamId: { in: teams } };
}
