import "server-only";
import { db } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { applyGroupRoles } from "@/lib/sign-in-groups/apply-group-roles";

/**
 * At every single sign-on: stores the groups the provider listed (so that a mapping an admin
 * changes later applies to the person at once) and sets their group-given team roles to what
 * the mapping gives. Runs as the system; the person's identity was checked by the provider
 * and lib/auth/oidc.ts before.
 */
export async function recordSignInGroups({ userId, groups }: { userId: string; groups: string[] }) {
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    await tx.userSignInGroups.upsert({
      where: { userId },
      create: { userId, groups, seenAt: now },
      update: { groups, seenAt: now },
    });
    return { changes: await applyGroupRoles(tx, { userId, groups, now }) };
  });
}
