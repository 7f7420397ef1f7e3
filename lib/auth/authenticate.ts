import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { hashPassword, needsRehash, tooLongForHash, verifyPassword } from "@/lib/auth/password";
import { alertSignInCeiling } from "@/lib/auth/sign-in-alert";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { countLoginAttempt, forgetLoginFailures } from "@/lib/security/rate-limit";

const credentialsSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

export const PASSWORD_TOO_LONG =
  "This account's password can be checked only up to 72 bytes until it is renewed; ask an admin for a new invitation link.";

export type SignedIn = { id: string; name: string; email: string; sessionVersion: number };

/**
 * Checks email + password. Returns null for every kind of failure (unknown user,
 * wrong password, deactivated) so the sign-in page cannot be used to probe accounts.
 * Throws RateLimitedError while the attempt must wait (lib/security/rate-limit.ts): the
 * attempt is counted before the password is checked, so a right guess gets no hint, and
 * unknown emails are counted like known ones. A successful sign-in replaces an old bcrypt
 * hash with an argon2id one, now that the password is known to be right.
 */
export async function authenticate(input: unknown, ip: string | null = null): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(input);
  const source = { email: parsed.success ? parsed.data.email : null, ip };
  const attempt = await countLoginAttempt(source);
  if (attempt.emailCeilingReached && parsed.success) await alertSignInCeiling(parsed.data.email);
  if (attempt.waitMs > 0) throw new RateLimitedError(attempt.waitMs);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({ where: { email } });
  if (user?.active && tooLongForHash(password, user.passwordHash)) {
    throw new ValidationError(PASSWORD_TOO_LONG, { password: [PASSWORD_TOO_LONG] });
  }
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  await forgetLoginFailures(source);
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    // Only if the hash is still the one just checked: a concurrent password change wins.
    await db().user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(password) },
    });
  }
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}
