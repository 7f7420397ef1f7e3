import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTeam, setTeamRole } from "@/lib/teams/manage-teams";
import { mapSignInGroup, unmapSignInGroup } from "@/lib/sign-in-groups/mappings";
import { recordSignInGroups } from "@/lib/sign-in-groups/record-sign-in";
import { changeUser } from "@/lib/users/change-user";
import { makeUser } from "@/test/fixtures";

type Team = { id: string; slug: string };
let teamA: Team;
let teamB: Team;
let admin: Actor;
let tag: string;
/** A group name of this test file alone: mappings are workspace-wide. */
const g = (name: string) => `${name}-${tag}`;

/** Team slug → role and source, as the next request reads them. */
async function rolesOf(userId: string) {
  const rows = await db().teamMember.findMany({
    where: { userId, teamId: { in: [teamA.id, teamB.id] } },
    select: { role: true, source: true, team: { select: { slug: true } } },
  });
  return Object.fromEntries(
    rows.map((r) => [r.team.slug === teamA.slug ? "A" : "B", `${r.role} (${r.source})`]),
  );
}

async function roleEvents(userId: string) {
  const rows = await db().auditEvent.findMany({
    where: { action: "team.role_changed", payload: { path: ["userId"], equals: userId } },
    orderBy: { seq: "asc" },
    select: { actorId: true, payload: true },
  });
  return rows.map((r) => {
    const p = r.payload as { team: string; from: string | null; to: string | null; via: string };
    return `${p.team === teamA.slug ? "A" : "B"}: ${p.from} → ${p.to} via ${p.via}${r.actorId ? "" : " (system)"}`;
  });
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fieldErrors;
}

beforeAll(async () => {
  tag = randomUUID().slice(0, 6);
  teamA = await createTeam({ actor: "system", name: `A ${tag}`, slug: `ga-${tag}` });
  teamB = await createTeam({ actor: "system", name: `B ${tag}`, slug: `gb-${tag}` });
  admin = await makeUser("admin");
});

describe("configuring the mapping", () => {
  it("refuses a mapping to an unknown team or role on its field and stores nothing", async () => {
    const before = await db().auditEvent.count({ where: { action: "sign_in_group.mapped" } });
    expect(
      await refusal(mapSignInGroup({ actor: admin, group: g("x"), team: `nope-${tag}`, role: "operator" })),
    ).toEqual({
      team: [`No team "nope-${tag}"`],
    });
    expect(
      await refusal(mapSignInGroup({ actor: admin, group: g("x"), team: teamA.slug, role: "admin" })),
    ).toEqual({
      role: ["Choose operator, auditor or subscriber"],
    });
    expect(
      await refusal(mapSignInGroup({ actor: admin, group: "  ", team: teamA.slug, role: "operator" })),
    ).toEqual({
      group: ["Name the group"],
    });
    expect(await db().signInGroupMapping.count({ where: { groupValue: g("x") } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "sign_in_group.mapped" } })).toBe(before);
  });

  it("is for admins only", async () => {
    const operator = await makeUser("operator");
    await expect(
      mapSignInGroup({ actor: operator, group: g("x"), team: teamA.slug, role: "operator" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(unmapSignInGroup({ actor: operator, id: randomUUID() })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(unmapSignInGroup({ actor: admin, id: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits adding, changing and removing a row in the workspace stream", async () => {
    const { id } = await mapSignInGroup({
      actor: admin,
      group: g("audited"),
      team: teamA.slug,
      role: "subscriber",
    });
    await mapSignInGroup({ actor: admin, group: g("audited"), team: teamA.slug, role: "auditor" });
    expect(
      await mapSignInGroup({ actor: admin, group: g("audited"), team: teamA.slug, role: "auditor" }),
    ).toEqual({
      id,
      changed: false,
    });
    await unmapSignInGroup({ actor: admin, id });
    const events = await db().auditEvent.findMany({
      where: { payload: { path: ["mappingId"], equals: id } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, e.runId])).toEqual([
      ["sign_in_group.mapped", admin.id, null],
      ["sign_in_group.mapped", admin.id, null],
      ["sign_in_group.unmapped", admin.id, null],
    ]);
    expect(events.map((e) => e.payload)).toMatchObject([
      { group: g("audited"), team: teamA.slug, from: null, to: "subscriber" },
      { from: "subscriber", to: "auditor" },
      { group: g("audited"), role: "auditor" },
    ]);
  });
});

describe("applying the mapping at sign-in", () => {
  it("sets the group roles to exactly what the mapping gives: added, changed, removed, audited", async () => {
    await mapSignInGroup({ actor: admin, group: g("ops"), team: teamA.slug, role: "operator" });
    await mapSignInGroup({ actor: admin, group: g("view"), team: teamA.slug, role: "subscriber" });
    await mapSignInGroup({ actor: admin, group: g("view"), team: teamB.slug, role: "auditor" });
    const person = await makeUser("operator");

    // Two groups into one team: the stronger role applies.
    await recordSignInGroups({ userId: person.id, groups: [g("ops"), g("view"), "unmapped"] });
    expect(await rolesOf(person.id)).toEqual({
      A: "operator (sign-in-groups)",
      B: "auditor (sign-in-groups)",
    });
    await recordSignInGroups({ userId: person.id, groups: [g("view")] });
    expect(await rolesOf(person.id)).toEqual({
      A: "subscriber (sign-in-groups)",
      B: "auditor (sign-in-groups)",
    });
    expect(await recordSignInGroups({ userId: person.id, groups: [g("view")] })).toEqual({ changes: 0 });
    await recordSignInGroups({ userId: person.id, groups: [] });
    expect(await rolesOf(person.id)).toEqual({});

    expect(await roleEvents(person.id)).toEqual([
      expect.stringMatching(/^A: null → operator via sign-in-groups \(system\)$/),
      "B: null → auditor via sign-in-groups (system)",
      "A: operator → subscriber via sign-in-groups (system)",
      expect.stringMatching(/^[AB]: \w+ → null via sign-in-groups \(system\)$/),
      expect.stringMatching(/^[AB]: \w+ → null via sign-in-groups \(system\)$/),
    ]);
    const seen = await db().userSignInGroups.findUniqueOrThrow({ where: { userId: person.id } });
    expect(seen.groups).toEqual([]);
  });

  it("keeps a role given by hand, and lets the group's apply once the hand-given one is removed", async () => {
    await mapSignInGroup({ actor: admin, group: g("hand"), team: teamA.slug, role: "subscriber" });
    const person = await makeUser("operator");
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: person.id, role: "operator" });

    await recordSignInGroups({ userId: person.id, groups: [g("hand")] });
    expect(await rolesOf(person.id)).toEqual({ A: "operator (admin)" });
    await recordSignInGroups({ userId: person.id, groups: [] });
    expect(await rolesOf(person.id)).toEqual({ A: "operator (admin)" });

    await recordSignInGroups({ userId: person.id, groups: [g("hand")] });
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: person.id, role: null });
    expect(await rolesOf(person.id)).toEqual({ A: "subscriber (sign-in-groups)" });
    // A group's role is the mapping's to take away, not the Teams page's.
    expect(
      await refusal(setTeamRole({ actor: admin, teamId: teamA.id, userId: person.id, role: null })),
    ).toEqual({
      role: ["Given by a sign-in group"],
    });
    // Given by hand over it: the hand-given role stands from then on.
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: person.id, role: "auditor" });
    await recordSignInGroups({ userId: person.id, groups: [g("hand")] });
    expect(await rolesOf(person.id)).toEqual({ A: "auditor (admin)" });
    expect(await roleEvents(person.id)).toEqual([
      "A: null → operator via admin",
      "A: operator → null via admin",
      "A: null → subscriber via sign-in-groups (system)",
      "A: subscriber → auditor via admin",
    ]);
  });

  it("leaves group roles alone when an admin changes the person's role on the Users page", async () => {
    await mapSignInGroup({ actor: admin, group: g("users-page"), team: teamA.slug, role: "operator" });
    const person = await makeUser("operator", teamB.id);
    await recordSignInGroups({ userId: person.id, groups: [g("users-page")] });
    await changeUser({ actor: admin, userId: person.id, role: "subscriber" });
    expect(await rolesOf(person.id)).toEqual({ A: "operator (sign-in-groups)", B: "subscriber (admin)" });
  });

  it("applies an admin's change of the mapping at once to the people whose last groups it concerns", async () => {
    const { id } = await mapSignInGroup({
      actor: admin,
      group: g("live"),
      team: teamB.slug,
      role: "operator",
    });
    const [member, other] = await Promise.all([makeUser("operator"), makeUser("operator")]);
    await recordSignInGroups({ userId: member.id, groups: [g("live")] });
    await recordSignInGroups({ userId: other.id, groups: [g("elsewhere")] });
    expect(await rolesOf(member.id)).toEqual({ B: "operator (sign-in-groups)" });

    await mapSignInGroup({ actor: admin, group: g("live"), team: teamB.slug, role: "subscriber" });
    expect(await rolesOf(member.id)).toEqual({ B: "subscriber (sign-in-groups)" });
    await mapSignInGroup({ actor: admin, group: g("live"), team: teamA.slug, role: "auditor" });
    expect(await rolesOf(member.id)).toEqual({
      A: "auditor (sign-in-groups)",
      B: "subscriber (sign-in-groups)",
    });
    await unmapSignInGroup({ actor: admin, id });
    expect(await rolesOf(member.id)).toEqual({ A: "auditor (sign-in-groups)" });
    expect(await rolesOf(other.id)).toEqual({});
  });
});
