import "server-only";
import { db } from "@/lib/db";

/**
 * Signed-out sessions. A JWT session cannot be taken back from the browser that holds it
 * (or from whoever copied its cookie), so its id is kept here until it would have expired
 * anyway, and every request refuses it (lib/auth/session.ts).
 */
export async function revokeSession(sid: string, expiresAt: Date): Promise<void> {
  await db().revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Housekeeping on the way: ids past their expiry refuse nothing any more.
  await db().revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return (await db().revokedSession.count({ where: { sid } })) > 0;
}
