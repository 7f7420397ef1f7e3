import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { poolConfig } from "@/lib/db/pool-config";
import { BACKOFF, forgetAttempts, refundAttempt, reserveAttempt } from "@/lib/security/login-backoff";

const WINDOW_SECONDS = 15 * 60;

/**
 * Attempts allowed per window from one address; the next one is refused until the window
 * ends. Per-account limits are backoff, not windows: lib/security/login-backoff.ts.
 */
export const LIMITS = {
  loginPerIp: { max: 50, windowSeconds: WINDOW_SECONDS },
  apiTokenPerIp: { max: 50, windowSeconds: WINDOW_SECONDS },
} as const;

/** The bucket of every client whose address cannot be known (see client-ip.ts). */
export const UNKNOWN_ADDRESS = "unknown";

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

export type LoginAttempt = {
  /** How long this attempt is refused (0: go ahead and check the password). */
  waitMs: number;
  /** This attempt took the email past its ceiling across all addresses: tell its owner. */
  emailCeilingReached: boolean;
};

/**
 * Counts a sign-in attempt before the password is checked, so that parallel guesses cannot
 * all slip in under the limit. Three counts, none of which lets a stranger lock an account:
 * the address across all emails (a window, skipped when the address is unknown), the email
 * across all addresses (a high ceiling, then at most one attempt a minute), and the email
 * from this address (a few attempts, then exponential backoff). Unknown emails count
 * exactly like known ones, so being refused says nothing about an account.
 */
export async function countLoginAttempt({ email, ip }: LoginSource): Promise<LoginAttempt> {
  const ipWait = ip ? await countAttempt("loginPerIp", ip) : 0;
  if (ipWait > 0) return { waitMs: ipWait, emailCeilingReached: false };
  if (!email) return { waitMs: 0, emailCeilingReached: false };
  const address = normaliseEmail(email);
  // The pair first: attempts it refuses do not count towards the email's ceiling, so one
  // address hammering away cannot slow the owner everywhere.
  const pair = await reserveAttempt(BACKOFF.pair, pairValue(address, ip));
  if (!pair.allowed) return { waitMs: pair.waitMs, emailCeilingReached: false };
  const everywhere = await reserveAttempt(BACKOFF.email, address);
  return {
    waitMs: everywhere.allowed ? 0 : everywhere.waitMs,
    emailCeilingReached: everywhere.allowed && everywhere.failures === BACKOFF.email.free + 1,
  };
}

/** After a successful sign-in: the pair starts over; the email and address get this attempt back. */
export async function forgetLoginFailures({ email, ip }: LoginSource): Promise<void> {
  await Promise.all([
    email ? forgetAttempts(BACKOFF.pair, pairValue(normaliseEmail(email), ip)) : null,
    email ? refundAttempt(BACKOFF.email, normaliseEmail(email)) : null,
    ip ? limiter("loginPerIp").reward(key(ip), 1) : null,
  ]);
}

function pairValue(email: string, ip: string | null): string {
  return `${email}\n${ip ?? UNKNOWN_ADDRESS}`;
}

/**
 * How long API token failures from this address are refused (0: go ahead). An address
 * that cannot be known shares one bucket with every other such client.
 */
export async function apiTokenBlockedFor(ip: string | null): Promise<number> {
  return blockedFor("apiTokenPerIp", ip ?? UNKNOWN_ADDRESS);
}

export async function countApiTokenFailure(ip: string | null): Promise<void> {
  await countAttempt("apiTokenPerIp", ip ?? UNKNOWN_ADDRESS);
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
