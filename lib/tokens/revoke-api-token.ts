import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { requireTokenManager } from "@/lib/tokens/token-manager";
import { ownerSelect, teamSelect, toApiTokenView, type ApiTokenView } from "@/lib/tokens/token-view";
import { UUID } from "@/lib/validation/uuid";

/**
 * Revokes a token at once: the next request with it is refused. Owners revoke their own,
 * admins anyone's; to everyone else another person's token does not exist. Revoking a
 * revoked token changes nothing and logs nothing.
 */
export async function revokeApiToken({
  actor,
  id,
}: {
  actor: Actor | null;
  id: string;
}): Promise<ApiTokenView> {
  const me = requireTokenManager(actor);
  const missing = new NotFoundError("No such API token.");
  if (!UUID.test(id)) throw missing;
  const where = can(me, "users.admin") ? { id } : { id, userId: me.id };
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const existing = await tx.apiToken.findFirst({ where, include: { user: ownerSelect, team: teamSelect } });
    if (!existing) throw missing;
    if (existing.revokedAt) return toApiTokenView(existing, now);
    const row = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: now },
      include: { user: ownerSelect, team: teamSelect },
    });
    await appendAuditEvent(tx, {
      actorId: me.id,
      action: "token.revoked",
      payload: { tokenId: row.id, ownerId: row.userId, name: row.name, prefix: row.prefix },
      at: now,
    });
    return toApiTokenView(row, now);
  });
}
