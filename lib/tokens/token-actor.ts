import "server-only";
import { db } from "@/lib/db";
import { isPermission, type Actor } from "@/lib/auth/permissions";
import { UnauthenticatedError } from "@/lib/errors";
import { apiTokenHash } from "@/lib/tokens/token-format";
import { logger } from "@/lib/log/logger";
import { actorSelect, toActor } from "@/lib/teams/actor-of-user";

/** lastUsedAt is for people deciding what to revoke; minute precision spares a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor a request with this token acts as: the owner as the database knows them now
 * (so a demotion or deactivation applies at once), limited to the token's scopes.
 * Throws UnauthenticatedError saying what is wrong with the token; only someone holding
 * the whole token learns that it was revoked or expired, so that reveals nothing.
 */
export async function actorForApiToken(token: string, now = new Date()): Promise<Actor> {
  const hash = apiTokenHash(token);
  if (!hash) throw new UnauthenticatedError("That is not a Runsheet API token.");
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hash },
    include: {
      user: { select: actorSelect },
    },
  });
  if (!row) throw new UnauthenticatedError("Unknown API token.");
  if (row.revokedAt) throw new UnauthenticatedError("This API token was revoked.");
  if (row.expiresAt && row.expiresAt <= now) throw new UnauthenticatedError("This API token has expired.");
  if (!row.user.active) throw new UnauthenticatedError("This API token's owner is deactivated.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await touch(row.id, now);
  }
  return {
    ...toActor(row.user),
    scopes: row.scopes.filter(isPermission),
    tokenTeamId: row.teamId,
  };
}

async function touch(id: string, now: Date) {
  try {
    // The condition again, so concurrent requests of one pipeline write once between them.
    await db().apiToken.updateMany({
      where: {
        id,
        OR: [
          { lastUsedAt: null },
          { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
        ],
      },
      data: { lastUsedAt: now },
    });
  } catch (err) {
    // Bookkeeping only: a failed write must not fail the request it describes.
    logger.error({ err }, "could not record API token use");
  }
}
