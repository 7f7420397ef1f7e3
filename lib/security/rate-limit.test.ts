import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BACKOFF } from "@/lib/security/login-backoff";
import {
  apiTokenBlockedFor,
  countApiTokenFailure,
  countLoginAttempt,
  forgetLoginFailures,
  LIMITS,
} from "@/lib/security/rate-limit";

const someIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 255)).join(".")}`.slice(0, 15);
const someEmail = () => `nobody-${randomUUID().slice(0, 8)}@test.local`;

type Source = { email: string | null; ip: string | null };

async function waits(n: number, source: Source | (() => Source)) {
  const seen: number[] = [];
  for (let i = 0; i < n; i++)
    seen.push((await countLoginAttempt(typeof source === "function" ? source() : source)).waitMs);
  return seen;
}

/** As if the wait had passed: every backoff row may be tried again now. */
async function letTimePass() {
  await db().$executeRaw`UPDATE login_backoff SET next_at = now() - interval '1 second'`;
}

describe("sign-in attempts per email and address", () => {
  it("allow a few, then make each next attempt wait twice as long", async () => {
    const source = { email: someEmail(), ip: someIp() };
    const first = await waits(BACKOFF.pair.free + 1, source);
    expect(first).toEqual(Array(BACKOFF.pair.free + 1).fill(0));
    const refused = (await countLoginAttempt(source)).waitMs;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(2_000);
    await letTimePass();
    expect((await countLoginAttempt(source)).waitMs).toBe(0);
    const next = (await countLoginAttempt(source)).waitMs;
    expect(next).toBeGreaterThan(2_000);
    expect(next).toBeLessThanOrEqual(4_000);
  });

  it("never lock the owner out from elsewhere: another address is not slowed", async () => {
    const email = someEmail();
    const attacker = { email, ip: someIp() };
    for (let i = 0; i < 12; i++) {
      await countLoginAttempt(attacker);
      await letTimePass();
    }
    await countLoginAttempt(attacker);
    expect((await countLoginAttempt(attacker)).waitMs).toBeGreaterThan(0);
    expect((await countLoginAttempt({ email, ip: someIp() })).waitMs).toBe(0);
  });

  it("cap the wait at 15 minutes", async () => {
    const source = { email: someEmail(), ip: someIp() };
    for (let i = 0; i < 30; i++) {
      await countLoginAttempt(source);
      await letTimePass();
    }
    await countLoginAttempt(source);
    const wait = (await countLoginAttempt(source)).waitMs;
    expect(wait).toBeGreaterThan(14 * 60_000);
    expect(wait).toBeLessThanOrEqual(15 * 60_000);
  });

  it("count an email whatever its case", async () => {
    const email = someEmail();
    const ip = someIp();
    await waits(BACKOFF.pair.free + 1, { email: email.toUpperCase(), ip });
    expect((await countLoginAttempt({ email, ip })).waitMs).toBeGreaterThan(0);
  });

  it("start over after a success", async () => {
    const source = { email: someEmail(), ip: someIp() };
    await waits(BACKOFF.pair.free + 1, source);
    await forgetLoginFailures(source);
    expect(await waits(BACKOFF.pair.free + 1, source)).toEqual(Array(BACKOFF.pair.free + 1).fill(0));
  });

  it("survive concurrent bursts: no more than the free attempts and one more get through", async () => {
    const source = { email: someEmail(), ip: someIp() };
    const all = await Promise.all(Array.from({ length: 30 }, () => countLoginAttempt(source)));
    expect(all.filter((a) => a.waitMs === 0)).toHaveLength(BACKOFF.pair.free + 1);
  });

  it("are kept under hashed keys, so every instance shares them and no email is stored", async () => {
    const email = someEmail();
    await countLoginAttempt({ email, ip: null });
    const rows = await db().loginBackoff.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).toMatch(/^login-(pair|email):[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(email);
  });
});

describe("sign-in attempts per email from everywhere", () => {
  it("only slow a distributed attack, and say when the owner should be told", async () => {
    const email = someEmail();
    const results = [];
    for (let i = 0; i < BACKOFF.email.free + 1; i++)
      results.push(await countLoginAttempt({ email, ip: someIp() }));
    expect(results.every((r) => r.waitMs === 0)).toBe(true);
    expect(results.map((r) => r.emailCeilingReached).indexOf(true)).toBe(BACKOFF.email.free);
    expect(results.filter((r) => r.emailCeilingReached)).toHaveLength(1);
    const slowed = await countLoginAttempt({ email, ip: someIp() });
    expect(slowed.waitMs).toBeGreaterThan(0);
    expect(slowed.waitMs).toBeLessThanOrEqual(BACKOFF.email.capSeconds * 1000);
  });
});

describe("sign-in attempts per address", () => {
  it("limit an address across many emails", async () => {
    const ip = someIp();
    expect(await waits(LIMITS.loginPerIp.max, () => ({ email: someEmail(), ip }))).toEqual(
      Array(LIMITS.loginPerIp.max).fill(0),
    );
    expect((await countLoginAttempt({ email: someEmail(), ip })).waitMs).toBeGreaterThan(0);
    expect((await countLoginAttempt({ email: someEmail(), ip: someIp() })).waitMs).toBe(0);
  });

  it("do not apply when the address is unknown: that would be every client at once", async () => {
    expect(await waits(LIMITS.loginPerIp.max + 5, () => ({ email: someEmail(), ip: null }))).toEqual(
      Array(LIMITS.loginPerIp.max + 5).fill(0),
    );
  });
});

describe("API token failures", () => {
  it("are refused per address after the limit, without counting other addresses", async () => {
    const ip = someIp();
    for (let i = 0; i < LIMITS.apiTokenPerIp.max; i++) {
      expect(await apiTokenBlockedFor(ip)).toBe(0);
      await countApiTokenFailure(ip);
    }
    expect(await apiTokenBlockedFor(ip)).toBeGreaterThan(0);
    expect(await apiTokenBlockedFor(someIp())).toBe(0);
  });
});
