import "server-only";
import { addFirstTeamRole } from "@/lib/teams/default-team";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, ROLES, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { newSecretToken } from "@/lib/security/secret-token";
import { newUserSchema } from "@/lib/users/create-user";
import { parseInput } from "@/lib/validation/parse-input";

export const INVITE_DAYS = 7;

const inviteSchema = newUserSchema.omit({ password: true }).extend({ role: z.enum(ROLES) });

/**
 * Creates a user without a password and a one-time link to choose one. The link is
 * returned once for the admin to pass on; only its hash is stored.
 */
export async function inviteUser({
  actor: maybeActor,
  ...input
}: { actor: Actor | null } & z.input<typeof inviteSchema>) {
  const actor = requirePermission(maybeActor, "users.admin");
  const { teamId, ...data } = parseInput(inviteSchema, input, "Check the user's details.");
  const taken = await db().user.findFirst({
    where: {
      OR: [{ email: data.email }, { handle: { equals: data.handle, mode: "insensitive" } }],
    },
    select: { email: true },
  });
  if (taken) {
    const field = taken.email === data.email ? "email" : "handle";
    throw new ValidationError(`That ${field} is already in use.`, { [field]: ["Already in use"] });
  }
  const { token, hash } = newSecretToken();
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000);
    const user = await tx.user.create({ data: { ...data, passwordHash: null, createdAt: now } });
    const team = await addFirstTeamRole(tx, user, teamId, now);
    await tx.userInvite.create({ data: { userId: user.id, tokenHash: hash, expiresAt, createdAt: now } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.invited",
      payload: {
        userId: user.id,
        email: user.email,
        role: user.role,
        ...(team ? { team: team.slug } : {}),
        expiresAt: expiresAt.toISOString(),
      },
      at: now,
    });
    return { user, token, expiresAt };
  });
}
