import "server-only";
import { db } from "@/lib/db";

/**
 * Signed-out sessions. A JWT session cannot be taken back from the browser that holds it
 * (or from whoever copied its cookie), so its id is kept here until it would have expired
 * anyway, and every request refuses it (actorForSession in lib/auth/session.ts reads it with the user).
 */
export async function revokeSession(sid: string, expiresAt: Date): Promise<void> {
  await db().revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Housekeeping on the way: ids past their expiry refuse nothing any more.
  await db().revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
