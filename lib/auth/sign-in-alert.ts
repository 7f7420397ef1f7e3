import "server-only";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { mailConfigured, sendMail } from "@/lib/notify/mailer";
import { BACKOFF } from "@/lib/security/login-backoff";

/**
 * Tells an account's owner that its email has passed the sign-in ceiling across all
 * addresses: a distributed guessing attack, now slowed to one attempt a minute. Sent once
 * per crossing; unknown emails get nothing (there is nobody to tell). Never fails the
 * sign-in it rides on.
 */
export async function alertSignInCeiling(email: string): Promise<void> {
  try {
    const user = await db().user.findUnique({ where: { email }, select: { name: true, active: true } });
    if (!user?.active || !mailConfigured()) return;
    const text = [
      `Hello ${user.name},`,
      "",
      `More than ${BACKOFF.email.free} sign-in attempts to your Runsheet account failed in the last day, from several addresses.`,
      "Runsheet now allows at most one attempt a minute for your email; your own sign-in still works, perhaps after a short wait.",
      "If this was not you, someone may be guessing your password: choose a long, unique one, and tell your admin.",
      "",
      appUrl(),
    ].join("\n");
    await sendMail({
      to: { name: user.name, address: email },
      subject: "Runsheet: many failed sign-ins to your account",
      text,
      html: `<pre>${text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)}</pre>`,
    });
  } catch (err) {
    console.error("could not send the sign-in alert", err);
  }
}
