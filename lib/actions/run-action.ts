import "server-only";
import type { Logger } from "pino";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/permissions";
import type { ErrorBody } from "@/lib/errors";
import { errorAnswer } from "@/lib/http/error-answer";
import { requestLogger } from "@/lib/log/logger";
import { parseInput } from "@/lib/validation/parse-input";

export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorBody);

/**
 * Every server action is a public POST endpoint: this is the one place that turns
 * one into session → zod → domain call → result. The domain function checks
 * permissions; errors are answered by the one mapper the API routes use too.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (actor: Actor | null, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const log = await requestLogger();
  try {
    const input = parseInput(schema, raw, INVALID_REQUEST);
    return { ok: true, data: await fn(await getActor(), input) };
  } catch (err) {
    return actionError(err, log);
  }
}

const INVALID_REQUEST = "The request was not valid.";

/** A thrown error as a server action's result. */
export function actionError(err: unknown, log?: Logger): ActionResult<never> {
  return { ok: false, ...errorAnswer(err, log).body };
}
