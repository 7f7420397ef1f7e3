import "server-only";
import type { Logger } from "pino";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, DomainError, ValidationError } from "@/lib/errors";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { logger, requestLogger } from "@/lib/log/logger";
import { CONCURRENT_WRITE, isConcurrentWrite } from "@/lib/db/concurrent-write";
import { asBusy } from "@/lib/db/busy";
import { dbPool } from "@/lib/db";
import { firstUnstorableString, UNSTORABLE_MESSAGE } from "@/lib/validation/text";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      code: string;
      fieldErrors?: Record<string, string[]>;
      /** On a conflict: the object as it is now. */
      current?: unknown;
    };

/**
 * Every server action is a public POST endpoint: this is the one place that turns
 * one into session → zod → domain call → result. The domain function checks
 * permissions; unexpected errors are logged and reach the browser only as a generic message.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (actor: Actor | null, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const unstorable = firstUnstorableString(raw);
  if (unstorable !== null) {
    return {
      ok: false,
      code: "validation",
      error: "The request was not valid.",
      fieldErrors: { [unstorable]: [UNSTORABLE_MESSAGE] },
    };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues)
      (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return { ok: false, code: "validation", error: "The request was not valid.", fieldErrors };
  }
  try {
    const actor = await getActor();
    return { ok: true, data: await fn(actor, parsed.data) };
  } catch (err) {
    return toActionError(err, await requestLogger());
  }
}

export function toActionError(err: unknown, log: Logger = logger): ActionResult<never> {
  if (err instanceof ConflictError)
    return { ok: false, code: err.code, error: err.message, current: err.current };
  if (err instanceof ValidationError)
    return { ok: false, code: err.code, error: err.message, fieldErrors: err.fieldErrors };
  const busy = asBusy(err, dbPool());
  if (busy) return { ok: false, code: busy.code, error: busy.message };
  if (err instanceof DomainError) return { ok: false, code: err.code, error: err.message };
  if (isConcurrentWrite(err)) return { ok: false, code: "conflict", error: CONCURRENT_WRITE };
  if (isDatabaseUnavailable(err)) {
    log.warn("server action failed: database unavailable");
    return { ok: false, code: "unavailable", error: DATABASE_UNAVAILABLE };
  }
  log.error({ err }, "server action failed");
  return {
    ok: false,
    code: "internal",
    error: "Something went wrong on the server. Nothing was changed; try again.",
  };
}
