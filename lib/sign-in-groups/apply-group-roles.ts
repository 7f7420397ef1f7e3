import "server-only";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { TeamRole } from "@/lib/auth/permissions";
import { strongerRole } from "@/lib/sign-in-groups/strength";

/** Where a team membership came from (team_members.source). */
export const BY_HAND = "admin";
export const BY_GROUPS = "sign-in-groups";

type Wanted = { role: TeamRole; slug: string; groups: string[] };

/** Team id → the strongest role the mapping gives for these groups, and the groups that give it. */
async function wantedRoles(tx: Tx, groups: string[]): Promise<Map<string, Wanted>> {
  const rows = groups.length
    ? await tx.signInGroupMapping.findMany({
        where: { groupValue: { in: groups } },
        orderBy: [{ groupValue: "asc" }],
        select: { groupValue: true, teamId: true, role: true, team: { select: { slug: true } } },
      })
    : [];
  const wanted = new Map<string, Wanted>();
  for (const r of rows) {
    const before = wanted.get(r.teamId);
    wanted.set(r.teamId, {
      role: strongerRole(before?.role, r.role as TeamRole),
      slug: r.team.slug,
      groups: [...(before?.groups ?? []), r.groupValue],
    });
  }
  return wanted;
}

/**
 * Sets a person's group-given team roles to exactly what the mapping gives for `groups`:
 * added, changed, or removed when no group gives one any more. A role given by hand is left
 * as it is, even where a group gives another (the admin's choice stands). Each change is a
 * `team.role_changed` event with via "sign-in-groups". The caller holds the workspace
 * stream's lock; roles are read on every request, so the change applies to the next one.
 */
export async function applyGroupRoles(
  tx: Tx,
  { userId, groups, now }: { userId: string; groups: string[]; now: Date },
): Promise<number> {
  // One after another: the statements share the transaction's connection.
  const wanted = await wantedRoles(tx, groups);
  const held = await tx.teamMember.findMany({
    where: { userId },
    select: { teamId: true, role: true, source: true, team: { select: { slug: true } } },
  });
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const audit = (teamId: string, team: string, from: string | null, to: string | null, via: string[]) =>
    appendAuditEvent(tx, {
      actorId: null,
      action: "team.role_changed",
      payload: { teamId, team, userId, email: user.email, from, to, via: BY_GROUPS, groups: via },
      at: now,
    });
  let changes = 0;
  for (const h of held) {
    if (h.source !== BY_GROUPS || wanted.has(h.teamId)) continue;
    await tx.teamMember.delete({ where: { teamId_userId: { teamId: h.teamId, userId } } });
    await audit(h.teamId, h.team.slug, h.role, null, []);
    changes++;
  }
  for (const [teamId, w] of wanted) {
    const h = held.find((m) => m.teamId === teamId);
    if (h && (h.source === BY_HAND || h.role === w.role)) continue;
    if (h)
      await tx.teamMember.update({ where: { teamId_userId: { teamId, userId } }, data: { role: w.role } });
    else
      await tx.teamMember.create({
        data: { teamId, userId, role: w.role, source: BY_GROUPS, createdAt: now },
      });
    await audit(teamId, w.slug, h?.role ?? null, w.role, w.groups);
    changes++;
  }
  return changes;
}

/** The groups seen at the person's last single sign-on, or none. */
export async function lastSeenGroups(tx: Tx, userId: string): Promise<string[]> {
  const row = await tx.userSignInGroups.findUnique({ where: { userId }, select: { groups: true } });
  return row?.groups ?? [];
}

/** Re-applies the mapping to everyone whose last-seen groups include `group`. */
export async function reapplyGroup(tx: Tx, group: string, now: Date): Promise<number> {
  const people = await tx.userSignInGroups.findMany({
    where: { groups: { has: group } },
    select: { userId: true, groups: true },
  });
  let changes = 0;
  for (const p of people) changes += await applyGroupRoles(tx, { userId: p.userId, groups: p.groups, now });
  return changes;
}
