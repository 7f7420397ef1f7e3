import "server-only";
import { env } from "@/lib/env";
import { apiActor, usesBearerToken } from "@/lib/auth/api-actor";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, RateLimitedError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { requestLogger } from "@/lib/log/logger";
import { isCrossSiteRequest } from "@/lib/security/same-origin";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every /api/v1 route handler goes through this: refuse a cookie-authenticated change
 * sent from another site → find the caller (API token or session) → run the handler →
 * turn errors into JSON. Requests with a Bearer token skip the origin check: a browser
 * never attaches one by itself, so another site cannot make it ride along.
 */
export function apiRoute<Ctx>(
  handler: (req: Request, ctx: Ctx, actor: Actor | null) => Promise<Response>,
): (req: Request, ctx: Ctx) => Promise<Response> {
  return async (req, ctx) => {
    try {
      if (
        UNSAFE_METHODS.has(req.method) &&
        !usesBearerToken(req) &&
        isCrossSiteRequest(req.headers, allowedOrigins())
      ) {
        throw new ForbiddenError("Requests from other sites are refused.");
      }
      return await handler(req, ctx, await apiActor(req));
    } catch (err) {
      const res = jsonError(err, await requestLogger());
      if (err instanceof RateLimitedError) res.headers.set("Retry-After", String(err.retryAfterSeconds));
      if (res.status === 401 && usesBearerToken(req)) res.headers.set("WWW-Authenticate", "Bearer");
      return res;
    }
  };
}

/** The public URL's origin and ALLOWED_ORIGINS: pages there may send changes with the session. */
export function allowedOrigins(): string[] {
  const e = env();
  return [...(e.NEXTAUTH_URL ? [new URL(e.NEXTAUTH_URL).origin] : []), ...(e.ALLOWED_ORIGINS ?? [])];
}
