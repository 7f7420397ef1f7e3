import "server-only";
import type { Logger } from "pino";
import { NextResponse } from "next/server";
import { logger } from "@/lib/log/logger";
import {
  BusyError,
  ConflictError,
  DomainError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
  type ErrorBody,
} from "@/lib/errors";
import { asBusy } from "@/lib/db/busy";
import { dbPool } from "@/lib/db";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { CONCURRENT_WRITE, isConcurrentWrite } from "@/lib/db/concurrent-write";
import { isUnstorableText } from "@/lib/db/unstorable-text";
import { UNSTORABLE_MESSAGE } from "@/lib/validation/text";

export type ErrorAnswer = { status: number; body: ErrorBody; headers: Record<string, string> };

export const INTERNAL_ERROR = "Something went wrong on the server. Nothing was changed; try again.";

/**
 * The one mapper from a thrown error to what the caller is told: server actions return
 * the body, API routes send the status, body and headers. Expected errors say their own
 * message; anything else is logged with the request id (carried by `log`) and answered
 * as a generic 500 that names that id but never the error, its stack or its SQL.
 */
export function errorAnswer(err: unknown, log: Logger = logger): ErrorAnswer {
  const known = asDomainError(err, log);
  if (known) {
    const retry =
      known instanceof RateLimitedError || known instanceof UnavailableError || known instanceof BusyError;
    const headers: Record<string, string> = retry ? { "retry-after": String(known.retryAfterSeconds) } : {};
    return { status: known.status, body: known.toJSON(), headers };
  }
  log.error({ err }, "request failed");
  const requestId = (log.bindings() as { requestId?: string }).requestId;
  return {
    status: 500,
    body: { error: INTERNAL_ERROR, code: "internal", ...(requestId ? { requestId } : {}) },
    headers: {},
  };
}

/** An API response for a thrown error. */
export function errorResponse(err: unknown, log: Logger = logger): NextResponse {
  const { status, body, headers } = errorAnswer(err, log);
  return NextResponse.json(body, { status, headers });
}

// Losing a race or a lost database connection is expected, not a bug: told as such.
function asDomainError(err: unknown, log: Logger): DomainError | null {
  if (err instanceof DomainError) return err;
  // A wait that ran out while the database answers is "busy", never "unavailable" or "internal".
  const busy = asBusy(err, dbPool());
  if (busy) return busy;
  if (isConcurrentWrite(err)) return new ConflictError(CONCURRENT_WRITE, undefined);
  if (isUnstorableText(err)) {
    log.warn({ err }, "request refused: text the database cannot store reached a query");
    return new ValidationError(`The request was not valid: ${UNSTORABLE_MESSAGE}.`);
  }
  if (isDatabaseUnavailable(err)) {
    log.warn("request failed: database unavailable");
    return new UnavailableError(DATABASE_UNAVAILABLE);
  }
  return null;
}
