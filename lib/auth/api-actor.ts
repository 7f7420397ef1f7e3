import "server-only";
import { env } from "@/lib/env";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/permissions";
import { RateLimitedError, UnauthenticatedError } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";
import { apiTokenBlockedFor, countApiTokenFailure } from "@/lib/security/rate-limit";
import { actorForApiToken } from "@/lib/tokens/token-actor";

/**
 * Who is calling an /api/v1 route: the API token's actor when the request carries an
 * Authorization header (a bad one is refused, never read as "anonymous"), else the
 * signed-in session's, else null.
 *
 * The per-address limit applies to failures only: a valid token is never refused because
 * of what others sent "from" its address (a forged or shared address, or every client at
 * once when the address cannot be known). Tokens carry 256 random bits, so the limit is
 * there to make scanning noisy and slow, not to stop an otherwise feasible guess.
 */
export async function apiActor(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization === null) return getActor();
  try {
    const token = /^Bearer +(\S+)$/i.exec(authorization.trim())?.[1];
    if (!token) throw new UnauthenticatedError("Send the API token as `Authorization: Bearer <token>`.");
    return await actorForApiToken(token);
  } catch (err) {
    if (!(err instanceof UnauthenticatedError)) throw err;
    const ip = clientIp(req.headers, env().TRUST_PROXY);
    const wait = await apiTokenBlockedFor(ip);
    if (wait > 0) throw new RateLimitedError(wait);
    await countApiTokenFailure(ip);
    throw err;
  }
}

export function usesBearerToken(req: Request): boolean {
  return req.headers.has("authorization");
}
