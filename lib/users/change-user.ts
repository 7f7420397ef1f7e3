import "server-only";
import { moveTeamRoles } from "@/lib/teams/default-team";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, ROLES, type Actor, type RoleName } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";

/**
 * Sets a user's role or active flag. Takes effect on the user's next request, because
 * the session carries only the user id and a session version (lib/auth/session.ts); the
 * version is bumped, so every session of theirs ends and a reactivation revives none. The last active admin
 * cannot be demoted or deactivated, so the workspace never locks itself out.
 */
export async function changeUser({
  actor: maybeActor,
  ...input
}: {
  actor: Actor | null;
  userId: string;
  role?: RoleName;
  active?: boolean;
}) {
  const actor = requirePermission(maybeActor, "users.admin");
  if (input.role !== undefined && !ROLES.includes(input.role)) {
    throw new ValidationError("Unknown role.", { role: ["Unknown role"] });
  }
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new NotFoundError("No such user.");
    const role = input.role ?? user.role;
    const active = input.active ?? user.active;
    if (role === user.role && active === user.active) return user;
    if (user.role === "admin" && user.active && (role !== "admin" || !active)) {
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new DomainError("This is the last active admin; make someone else admin first.");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, active, sessionVersion: { increment: 1 } },
    });
    await moveTeamRoles(tx, user.id, user.role, role, now);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: role !== user.role ? "user.role_changed" : active ? "user.reactivated" : "user.deactivated",
      payload: {
        userId: user.id,
        email: user.email,
        from: { role: user.role, active: user.active },
        to: { role, active },
      },
      at: now,
    });
    return updated;
  });
}
