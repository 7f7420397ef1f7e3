import "server-only";
import { db } from "@/lib/db";
import { can, type Actor } from "@/lib/auth/permissions";
import { requireTokenManager } from "@/lib/tokens/token-manager";
import { ownerSelect, teamSelect, toApiTokenView, type ApiTokenView } from "@/lib/tokens/token-view";

/** The actor's own tokens, newest first; an admin sees everyone's, to find and revoke a leaked one. */
export async function listApiTokens({ actor }: { actor: Actor | null }): Promise<ApiTokenView[]> {
  const me = requireTokenManager(actor);
  const rows = await db().apiToken.findMany({
    where: can(me, "users.admin") ? {} : { userId: me.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: { user: ownerSelect, team: teamSelect },
  });
  const now = new Date();
  return rows.map((r) => toApiTokenView(r, now));
}
