import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  apiTokenBlockedFor,
  countApiTokenFailure,
  countLoginAttempt,
  forgetLoginFailures,
  LIMITS,
} from "@/lib/security/rate-limit";

const someIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 255)).join(".")}`.slice(0, 15);
const someEmail = () => `nobody-${randomUUID().slice(0, 8)}@test.local`;

async function attempts(n: number, source: { email: string | null; ip: string | null }) {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) waits.push(await countLoginAttempt(source));
  return waits;
}

describe("sign-in attempts", () => {
  it("allow the limit per email, then refuse for the rest of the window", async () => {
    const email = someEmail();
    const waits = await attempts(LIMITS.loginPerEmail.max + 2, { email, ip: null });
    expect(waits.slice(0, LIMITS.loginPerEmail.max).every((w) => w === 0)).toBe(true);
    for (const w of waits.slice(LIMITS.loginPerEmail.max)) {
      expect(w).toBeGreaterThan(LIMITS.loginPerEmail.windowSeconds * 1000 - 60_000);
      expect(w).toBeLessThanOrEqual(LIMITS.loginPerEmail.windowSeconds * 1000);
    }
  });

  it("count an email whatever its case, and other emails separately", async () => {
    const email = someEmail();
    await attempts(LIMITS.loginPerEmail.max, { email: email.toUpperCase(), ip: null });
    expect(await countLoginAttempt({ email, ip: null })).toBeGreaterThan(0);
    expect(await countLoginAttempt({ email: someEmail(), ip: null })).toBe(0);
  });

  it("limit an address across many emails", async () => {
    const ip = someIp();
    for (let i = 0; i < LIMITS.loginPerIp.max; i++) {
      expect(await countLoginAttempt({ email: someEmail(), ip })).toBe(0);
    }
    expect(await countLoginAttempt({ email: someEmail(), ip })).toBeGreaterThan(0);
    expect(await countLoginAttempt({ email: someEmail(), ip: someIp() })).toBe(0);
  });

  it("forget an account's failures after a success, and refund the address", async () => {
    const [email, ip] = [someEmail(), someIp()];
    await attempts(LIMITS.loginPerEmail.max - 1, { email, ip });
    await countLoginAttempt({ email, ip });
    await forgetLoginFailures({ email, ip });
    expect(await attempts(LIMITS.loginPerEmail.max, { email, ip })).toEqual(
      Array(LIMITS.loginPerEmail.max).fill(0),
    );
  });

  it("are kept in rate_limits under hashed keys, so every instance shares them", async () => {
    const email = someEmail();
    await countLoginAttempt({ email, ip: null });
    const rows = await db().rateLimit.findMany({ where: { key: { startsWith: "loginPerEmail:" } } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).toMatch(/^loginPerEmail:[0-9a-f]{64}$/);
    expect(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(email);
  });

  it("survive concurrent bursts: no more than the limit gets through", async () => {
    const email = someEmail();
    const waits = await Promise.all(Array.from({ length: 30 }, () => countLoginAttempt({ email, ip: null })));
    expect(waits.filter((w) => w === 0)).toHaveLength(LIMITS.loginPerEmail.max);
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
    expect(await apiTokenBlockedFor(null)).toBe(0);
  });
});
