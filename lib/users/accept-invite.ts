import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { hashPassword } from "@/lib/auth/password";
import { DomainError, NotFoundError } from "@/lib/errors";
import { hashSecretToken } from "@/lib/security/secret-token";
import { newUserSchema } from "@/lib/users/create-user";

/** Who an invite link is for, or null when it is unknown, used or expired. */
export async function findInvite(token: string) {
  const invite = await db().userInvite.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { user: { select: { email: true, name: true, active: true } } },
  });
  if (!invite || invite.usedAt || invite.expiresAt < new Date() || !invite.user.active) return null;
  return { email: invite.user.email, name: invite.user.name, expiresAt: invite.expiresAt.toISOString() };
}

/** The invite link is the authority here: whoever holds it sets the password, once. */
export async function acceptInvite(input: { token: string; password: string }) {
  const password = newUserSchema.shape.password.safeParse(input.password);
  if (!password.success)
    throw new DomainError(password.error.issues[0]?.message ?? "Choose another password.");
  const passwordHash = await hashPassword(password.data);
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const invite = await tx.userInvite.findUnique({
      where: { tokenHash: hashSecretToken(input.token) },
      include: { user: { select: { active: true } } },
    });
    // A deactivated user's invitation is as dead as a used one: findInvite says the same.
    if (!invite || invite.usedAt || invite.expiresAt < now || !invite.user.active) {
      throw new NotFoundError("This invitation is not valid or has expired. Ask an admin for a new one.");
    }
    await tx.userInvite.update({ where: { id: invite.id }, data: { usedAt: now } });
    // A new password ends every session made with the old one.
    const user = await tx.user.update({
      where: { id: invite.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "user.invite_accepted",
      payload: { userId: user.id },
      at: now,
    });
    return { email: user.email };
  });
}
