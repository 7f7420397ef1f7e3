import "server-only";
import { apiActor, usesBearerToken } from "@/lib/auth/api-actor";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-answer";
import { requestLogger } from "@/lib/log/logger";
import { allowedOrigins } from "@/lib/security/allowed-origins";
import { isCrossSiteRequest } from "@/lib/security/same-origin";
import { firstUnstorableString, UNSTORABLE_MESSAGE } from "@/lib/validation/text";

export { allowedOrigins };

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
      await refuseUnstorable(req, ctx);
      return await handler(req, ctx, await apiActor(req));
    } catch (err) {
      const res = errorResponse(err, await requestLogger());
      if (res.status === 401 && usesBearerToken(req)) res.headers.set("WWW-Authenticate", "Bearer");
      return res;
    }
  };
}

/**
 * A NUL or a lone surrogate in the path or the query (`/api/v1/templates/%00/markdown`)
 * is a bad request, named as such, before it can reach a query that the database refuses.
 */
async function refuseUnstorable(req: Request, ctx: unknown): Promise<void> {
  const params = (ctx as { params?: Promise<unknown> } | null)?.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const bad = firstUnstorableString({ ...(params ? ((await params) as object) : {}), ...query });
  if (bad !== null)
    throw new ValidationError(`${bad}: ${UNSTORABLE_MESSAGE}.`, { [bad]: [UNSTORABLE_MESSAGE] });
}
