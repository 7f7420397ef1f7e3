import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * "Sign out everywhere": bumps the caller's session version, so every session of theirs —
 * other browsers, a copied cookie, this one — stops counting at its next request. Anyone
 * signed in may end their own sessions; nobody else's.
 */
export async function endAllSessions({ actor }: { actor: Actor | null }): Promise<{ endedAt: string }> {
  if (!actor) throw new UnauthenticatedError();
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    await tx.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.sessions_ended",
      payload: { userId: actor.id },
      at: now,
    });
    return { endedAt: now.toISOString() };
  });
}
