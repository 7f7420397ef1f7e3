import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, IdempotencyMismatchError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** How long a key's first answer is kept, as Stripe does. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A first request still "in flight" after this long died mid-way; its key may be used again. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

export type ApiAnswer = { status: number; body: unknown };

/**
 * Runs a write once per (caller, Idempotency-Key): a retry with the same key and the same
 * request gets the first answer (`replayed`), the same key with another request is refused,
 * and a retry while the first is still running is told to wait. Answers to expected
 * failures (4xx) are kept too, so a retry learns the same; unexpected failures free the key.
 */
export async function withIdempotency(
  actor: Actor,
  req: Request,
  body: unknown,
  run: () => Promise<ApiAnswer>,
): Promise<ApiAnswer & { replayed: boolean }> {
  const key = req.headers.get("idempotency-key");
  if (key === null) return { ...(await run()), replayed: false };
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new ValidationError("Idempotency-Key must be 1 to 255 visible ASCII characters.");
  const url = new URL(req.url);
  const requestHash = createHash("sha256")
    .update(`${req.method} ${url.pathname}\n${canonicalize(body) ?? ""}`)
    .digest("hex");
  const now = Date.now();
  await db().idempotencyKey.deleteMany({
    where: {
      userId: actor.id,
      OR: [
        { createdAt: { lt: new Date(now - IDEMPOTENCY_TTL_MS) } },
        { status: null, createdAt: { lt: new Date(now - ABANDONED_AFTER_MS) } },
      ],
    },
  });
  let rowId: string;
  try {
    const row = await db().idempotencyKey.create({
      data: { userId: actor.id, key, method: req.method, path: url.pathname, requestHash },
      select: { id: true },
    });
    rowId = row.id;
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    const first = await db().idempotencyKey.findUnique({ where: { userId_key: { userId: actor.id, key } } });
    if (!first) return withIdempotency(actor, req, body, run);
    if (first.requestHash !== requestHash)
      throw new IdempotencyMismatchError(
        "This Idempotency-Key was used for a different request; use a new key for a new request.",
      );
    if (first.status === null)
      throw new ConflictError(
        "The first request with this Idempotency-Key is still running; retry shortly.",
        null,
      );
    return { status: first.status, body: first.response, replayed: true };
  }
  try {
    const answer = await run();
    await keep(rowId, answer);
    return { ...answer, replayed: false };
  } catch (err) {
    const expected = (err as { status?: unknown }).status;
    if (typeof expected === "number" && expected < 500) {
      await keep(rowId, { status: expected, body: errorBody(err) });
    } else {
      await db()
        .idempotencyKey.delete({ where: { id: rowId } })
        .catch(() => {});
    }
    throw err;
  }
}

async function keep(id: string, answer: ApiAnswer) {
  await db().idempotencyKey.update({
    where: { id },
    data: { status: answer.status, response: (answer.body ?? null) as Prisma.InputJsonValue },
  });
}

function errorBody(err: unknown) {
  const e = err as { message?: string; code?: string; toJSON?: () => unknown };
  return e.toJSON?.() ?? { error: e.message, code: e.code };
}
