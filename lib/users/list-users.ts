import "server-only";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

export async function listUsers({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "users.admin");
  const users = await db().user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      handle: true,
      role: true,
      active: true,
      createdAt: true,
      passwordHash: true,
      invites: {
        where: { usedAt: null },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { expiresAt: true },
      },
    },
  });
  return users.map(({ passwordHash, invites, ...u }) => ({
    ...u,
    createdAt: u.createdAt.toISOString(),
    /** Invited and not yet signed up: the pending invite's expiry. */
    inviteExpiresAt: !passwordHash && invites[0] ? invites[0].expiresAt.toISOString() : null,
  }));
}
