import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

/**
 * Exponential backoff for failed sign-ins, kept in PostgreSQL (login_backoff) so every
 * instance shares it. A key gets `free` attempts; after that each attempt must wait
 * 2^(n - free) seconds (capped) after the previous one. A day without attempts forgets it.
 *
 * Nothing here locks an account: the worst a stranger can do is make the next attempt
 * for one (email, address) pair wait up to `capSeconds`, or slow an email everywhere.
 */
export type BackoffPolicy = { name: string; free: number; capSeconds: number };

export const BACKOFF = {
  /** One email from one address: the password guesser's own bucket. */
  pair: { name: "login-pair", free: 5, capSeconds: 15 * 60 },
  /**
   * One email from every address together: only a distributed attack reaches it, and then
   * it slows guessing to one a minute rather than refusing the owner for good.
   */
  email: { name: "login-email", free: 100, capSeconds: 60 },
} as const satisfies Record<string, BackoffPolicy>;

const FORGET_AFTER = "24 hours";

/** Hashed: the table holds no email addresses, and keys fit the column whatever is sent. */
export function backoffKey(policy: BackoffPolicy, value: string): string {
  return `${policy.name}:${createHash("sha256").update(value).digest("hex")}`;
}

export type Reservation = { allowed: true; failures: number } | { allowed: false; waitMs: number };

/**
 * Counts an attempt before the password is checked, in one statement, so that parallel
 * guesses cannot all slip through the same opening: only a row whose `next_at` has come is
 * advanced, and the advanced row says when the next one may come.
 */
export async function reserveAttempt(policy: BackoffPolicy, value: string): Promise<Reservation> {
  const key = backoffKey(policy, value);
  const next = `CASE WHEN login_backoff.updated_at < now() - interval '${FORGET_AFTER}' THEN 1 ELSE login_backoff.failures + 1 END`;
  const delay = (n: string) =>
    `make_interval(secs => CASE WHEN ${n} <= $2 THEN 0 ELSE LEAST($3::float8, power(2, ${n} - $2)) END)`;
  const rows = await db().$queryRawUnsafe<{ failures: number }[]>(
    `INSERT INTO login_backoff (key, failures, next_at, updated_at)
     VALUES ($1, 1, now() + ${delay("1")}, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = ${next},
       next_at = now() + ${delay(`(${next})`)},
       updated_at = now()
     WHERE login_backoff.next_at <= now() OR login_backoff.updated_at < now() - interval '${FORGET_AFTER}'
     RETURNING failures`,
    key,
    policy.free,
    policy.capSeconds,
  );
  if (rows[0]) return { allowed: true, failures: rows[0].failures };
  const row = await db().loginBackoff.findUnique({ where: { key }, select: { nextAt: true } });
  return { allowed: false, waitMs: Math.max(1, (row?.nextAt.getTime() ?? 0) - Date.now()) };
}

/** After a success: the pair starts over. */
export async function forgetAttempts(policy: BackoffPolicy, value: string): Promise<void> {
  await db().loginBackoff.deleteMany({ where: { key: backoffKey(policy, value) } });
}

/** After a success: the attempt was not a failure, but others' failures still count. */
export async function refundAttempt(policy: BackoffPolicy, value: string): Promise<void> {
  await db().loginBackoff.updateMany({
    where: { key: backoffKey(policy, value), failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}
