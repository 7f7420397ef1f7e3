import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";

const credentialsSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

/**
 * Checks email + password. Returns null for every kind of failure (unknown user,
 * wrong password, deactivated) so the sign-in page cannot be used to probe accounts.
 */
export async function authenticate(
  input: unknown,
): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  return { id: user.id, name: user.name, email: user.email };
}
