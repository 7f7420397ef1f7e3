import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { BACKOFF } from "@/lib/security/login-backoff";
import { makeUser } from "@/test/fixtures";
import { startSmtpCapture, type SmtpCapture } from "@/test/smtp-capture";

let smtp: SmtpCapture;
const saved = process.env.SMTP_URL;

// The environment is read once per process, so the capture server must be up before anything asks.
beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await smtp?.close();
  if (saved === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = saved;
});

const address = (i: number) => `198.51.100.${i % 250}-${Math.floor(i / 250)}`;

describe("a distributed guessing attack on one account", () => {
  it("passes the email's ceiling, slows it to one attempt a minute, and tells the owner once", async () => {
    const user = await makeUser("operator");
    const { email } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    for (let i = 0; i <= BACKOFF.email.free; i++) {
      expect(await authenticate({ email, password: `guess ${i}` }, address(i))).toBeNull();
    }
    await expect(authenticate({ email, password: "one more" }, address(999))).rejects.toThrow(
      "Too many attempts; try again in 1 minute.",
    );
    const alert = await smtp.waitFor((m) => m.to.includes(email));
    expect(alert.subject).toBe("Runsheet: many failed sign-ins to your account");
    expect(alert.text).toContain(`More than ${BACKOFF.email.free} sign-in attempts`);
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it("from one address alone never reaches the ceiling: refused attempts do not count towards it", async () => {
    const user = await makeUser("operator");
    const { email } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    for (let i = 0; i < BACKOFF.email.free + 20; i++) {
      await authenticate({ email, password: `guess ${i}` }, "203.0.113.9").catch(() => null);
    }
    expect(
      await authenticate({ email, password: "correct horse battery staple" }, "203.0.113.10"),
    ).toMatchObject({ id: user.id });
  });
});
