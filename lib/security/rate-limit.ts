import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { poolConfig } from "@/lib/db/pool-config";

const WINDOW_SECONDS = 15 * 60;

/** Failed attempts allowed per window; the next one is refused until the window ends. */
export const LIMITS = {
  loginPerEmail: { max: 10, windowSeconds: WINDOW_SECONDS },
  loginPerIp: { max: 50, windowSeconds: WINDOW_SECONDS },
  apiTokenPerIp: { max: 50, windowSeconds: WINDOW_SECONDS },
} as const;

// Counters live in PostgreSQL (rate_limits) so that every app instance sees the same counts.
// A small pool of its own: a burst of sign-ins must not take Prisma's connections.
const globalForLimits = globalThis as unknown as {
  runsheetRateLimitPool?: pg.Pool;
  runsheetLimiters?: Map<string, RateLimiterPostgres>;
};

function limiter(name: keyof typeof LIMITS): RateLimiterPostgres {
  globalForLimits.runsheetLimiters ??= new Map();
  let l = globalForLimits.runsheetLimiters.get(name);
  if (!l) {
    globalForLimits.runsheetRateLimitPool ??= new pg.Pool({
      ...poolConfig(env()),
      max: 3,
      application_name: "runsheet-rate-limit",
    });
    l = new RateLimiterPostgres({
      storeClient: globalForLimits.runsheetRateLimitPool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: LIMITS[name].max,
      duration: LIMITS[name].windowSeconds,
    });
    globalForLimits.runsheetLimiters.set(name, l);
  }
  return l;
}

// Hashed: keys stay within the column's 255 characters whatever a client sends, and the
// table holds no email addresses.
function key(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Counts one attempt; returns how long the key is blocked (0: go ahead). */
async function countAttempt(name: keyof typeof LIMITS, value: string): Promise<number> {
  try {
    const res = await limiter(name).consume(key(value));
    return res.consumedPoints > LIMITS[name].max ? Math.max(res.msBeforeNext, 1) : 0;
  } catch (err) {
    if (err instanceof RateLimiterRes) return Math.max(err.msBeforeNext, 1);
    throw err;
  }
}

async function blockedFor(name: keyof typeof LIMITS, value: string): Promise<number> {
  const res = await limiter(name).get(key(value));
  return res && res.consumedPoints >= LIMITS[name].max ? Math.max(res.msBeforeNext, 1) : 0;
}

export type LoginSource = { email: string | null; ip: string | null };

/**
 * Counts a sign-in attempt before the password is checked, so that parallel guesses cannot
 * all slip in under the limit; returns how long sign-in is refused (0: go ahead). Unknown
 * emails count exactly like known ones, so being refused says nothing about an account.
 */
export async function countLoginAttempt({ email, ip }: LoginSource): Promise<number> {
  const waits = await Promise.all([
    email ? countAttempt("loginPerEmail", normaliseEmail(email)) : 0,
    ip ? countAttempt("loginPerIp", ip) : 0,
  ]);
  return Math.max(...waits);
}

/** After a successful sign-in: the account's failures are forgotten, the address's attempt refunded. */
export async function forgetLoginFailures({ email, ip }: LoginSource): Promise<void> {
  await Promise.all([
    email ? limiter("loginPerEmail").delete(key(normaliseEmail(email))) : null,
    ip ? limiter("loginPerIp").reward(key(ip), 1) : null,
  ]);
}

/** How long API token sign-in from this address is refused (0: go ahead). */
export async function apiTokenBlockedFor(ip: string | null): Promise<number> {
  return ip ? blockedFor("apiTokenPerIp", ip) : 0;
}

export async function countApiTokenFailure(ip: string | null): Promise<void> {
  if (ip) await countAttempt("apiTokenPerIp", ip);
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
