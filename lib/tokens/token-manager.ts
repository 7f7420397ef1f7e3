import { UnauthenticatedError, ForbiddenError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";

/**
 * Tokens are managed by people signed in, never by another token: a leaked short-lived
 * token must not be able to mint itself a long-lived successor.
 */
export function requireTokenManager(actor: Actor | null | undefined): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (actor.scopes) throw new ForbiddenError("API tokens cannot manage API tokens; sign in to do that.");
  return actor;
}
