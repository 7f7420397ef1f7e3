import "server-only";
import { db } from "@/lib/db";
import { actorForSession, type SessionClaims } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";

/**
 * Whether the session that opened a run's live stream may still read the run, asked again
 * while the stream is open: a subscriber taken off the run, a demoted or deactivated user,
 * a signed-out session must stop receiving its changes.
 */
export async function mayStillWatch(claims: Partial<SessionClaims>, runId: string): Promise<boolean> {
  const actor = await actorForSession(claims);
  if (!actor) return false;
  try {
    const run = await db().run.findFirst({
      where: { id: runId, ...runReadScope(actor) },
      select: { id: true },
    });
    return run !== null;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}
