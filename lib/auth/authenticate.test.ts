import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { BACKOFF } from "@/lib/security/login-backoff";
import { countLoginAttempt, LIMITS } from "@/lib/security/rate-limit";
import { makeUser } from "@/test/fixtures";

const PASSWORD = "correct horse battery staple";
const someIp = () => `172.16.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;

async function emailOf(id: string) {
  return (await db().user.findUniqueOrThrow({ where: { id } })).email;
}

/** The outcome as the sign-in page sees it: the user, null, or the thrown message. */
async function outcome(email: string, password: string, ip: string | null = null) {
  try {
    return await authenticate({ email, password }, ip);
  } catch (e) {
    if (e instanceof RateLimitedError) return `refused: ${e.message}`;
    throw e;
  }
}

describe("authenticate", () => {
  it("signs in with the right password, case-insensitively, and fails otherwise alike", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    expect(await outcome(email.toUpperCase(), PASSWORD)).toMatchObject({
      id: user.id,
      name: user.name,
      email,
    });
    expect(await outcome(email, "wrong password")).toBeNull();
    expect(await outcome(`unknown-${randomUUID()}@test.local`, "wrong password")).toBeNull();
    expect(await outcome("not an email", PASSWORD)).toBeNull();
  });

  it("refuses a deactivated user like a wrong password", async () => {
    const user = await makeUser("operator");
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await outcome(await emailOf(user.id), PASSWORD)).toBeNull();
  });

  it("counts an unknown email's failures exactly like a real one's, so refusals reveal no account", async () => {
    const real = await emailOf((await makeUser("auditor")).id);
    const unknown = `unknown-${randomUUID()}@test.local`;
    const ip = someIp();
    const run = async (email: string) => {
      const seen = [];
      for (let i = 0; i <= BACKOFF.pair.free + 2; i++) seen.push(await outcome(email, `guess ${i}`, ip));
      return seen;
    };
    const [a, b] = await Promise.all([run(real), run(unknown)]);
    expect(a).toEqual(b);
    expect(a.slice(0, BACKOFF.pair.free + 1)).toEqual(Array(BACKOFF.pair.free + 1).fill(null));
    expect(a.slice(BACKOFF.pair.free + 1)).toEqual(
      Array(2).fill("refused: Too many attempts; try again in 1 minute."),
    );
  });

  it("while one address is slowed, refuses even the right password from it, without saying whether it was right", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    const ip = someIp();
    for (let i = 0; i <= BACKOFF.pair.free; i++) await countLoginAttempt({ email, ip });
    expect(await outcome(email, PASSWORD, ip)).toBe("refused: Too many attempts; try again in 1 minute.");
  });

  it("cannot be used to lock anyone out: failures from one address leave the owner's own alone", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    const attacker = someIp();
    for (let i = 0; i < 20; i++) await outcome(email, `guess ${i}`, attacker);
    expect(await outcome(email, "guess 21", attacker)).toMatch(/^refused: Too many attempts/);
    expect(await outcome(email, PASSWORD, someIp())).toMatchObject({ id: user.id });
  });

  it("forgets the pair's failures after a successful sign-in", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    const ip = someIp();
    for (let i = 0; i < BACKOFF.pair.free; i++) await countLoginAttempt({ email, ip });
    expect(await outcome(email, PASSWORD, ip)).toMatchObject({ id: user.id });
    for (let i = 0; i <= BACKOFF.pair.free; i++) {
      expect((await countLoginAttempt({ email, ip })).waitMs).toBe(0);
    }
  });

  it("refuses an address that guessed across many accounts, but not the same person elsewhere", async () => {
    const ip = someIp();
    for (let i = 0; i < LIMITS.loginPerIp.max; i++) {
      await countLoginAttempt({ email: `spray-${i}-${randomUUID()}@test.local`, ip });
    }
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    expect(await outcome(email, PASSWORD, ip)).toMatch(/^refused: Too many attempts/);
    expect(await outcome(email, PASSWORD, someIp())).toMatchObject({ id: user.id });
  });
});
