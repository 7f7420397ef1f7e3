import "server-only";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * Which runs an actor may read: all of them with `runs.read`; otherwise only the runs
 * they are a live subscriber of (a signed-in listener acknowledging from the run page).
 */
export function runReadScope(actor: Actor | null): Prisma.RunWhereInput {
  if (!actor) throw new UnauthenticatedError();
  if (can(actor, "runs.read")) return {};
  if (actor.role === "subscriber") return { subscribers: { some: { userId: actor.id, removedAt: null } } };
  requirePermission(actor, "runs.read");
  return { id: "00000000-0000-0000-0000-000000000000" };
}
