import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { RateLimitedError } from "@/lib/errors";
import { countLoginAttempt, forgetLoginFailures } from "@/lib/security/rate-limit";

const credentialsSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

/**
 * Checks email + password. Returns null for every kind of failure (unknown user,
 * wrong password, deactivated) so the sign-in page cannot be used to probe accounts.
 * Throws RateLimitedError after too many failures for the email or from the address
 * `ip`; unknown emails are counted like known ones, so that says nothing about an account
 * either, and it is thrown before the password is checked, so a right guess gets no hint.
 */
export async function authenticate(
  input: unknown,
  ip: string | null = null,
): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = credentialsSchema.safeParse(input);
  const source = { email: parsed.success ? parsed.data.email : null, ip };
  const wait = await countLoginAttempt(source);
  if (wait > 0) throw new RateLimitedError(wait);
  if (!parsed.success) return null;
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  await forgetLoginFailures(source);
  return { id: user.id, name: user.name, email: user.email };
}
