import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
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
    expect(await outcome(email.toUpperCase(), PASSWORD)).toEqual({ id: user.id, name: user.name, email });
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
    const run = async (email: string) => {
      const seen = [];
      for (let i = 0; i <= LIMITS.loginPerEmail.max + 1; i++) seen.push(await outcome(email, `guess ${i}`));
      return seen;
    };
    const [a, b] = await Promise.all([run(real), run(unknown)]);
    expect(a).toEqual(b);
    expect(a.slice(0, LIMITS.loginPerEmail.max)).toEqual(Array(LIMITS.loginPerEmail.max).fill(null));
    expect(a.slice(LIMITS.loginPerEmail.max)).toEqual(
      Array(2).fill("refused: Too many attempts; try again in 15 minutes."),
    );
  });

  it("once limited refuses even the right password, without saying whether it was right", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    for (let i = 0; i < LIMITS.loginPerEmail.max; i++) await countLoginAttempt({ email, ip: null });
    expect(await outcome(email, PASSWORD)).toBe("refused: Too many attempts; try again in 15 minutes.");
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await makeUser("operator");
    const email = await emailOf(user.id);
    for (let i = 0; i < LIMITS.loginPerEmail.max - 1; i++) await countLoginAttempt({ email, ip: null });
    expect(await outcome(email, PASSWORD)).toMatchObject({ id: user.id });
    for (let i = 0; i < LIMITS.loginPerEmail.max; i++) {
      expect(await countLoginAttempt({ email, ip: null })).toBe(0);
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
