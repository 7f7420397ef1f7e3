import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createTeam, setTeamRole } from "@/lib/teams/manage-teams";
import { importTemplate } from "@/lib/templates/import-template";
import { getTemplate, listTemplates } from "@/lib/templates/list-templates";
import { createRun } from "@/lib/runs/create-run";
import { getRunView } from "@/lib/runs/get-run-view";
import { listRuns } from "@/lib/runs/list-runs";
import { tickItem } from "@/lib/runs/tick-item";
import { closeRun } from "@/lib/runs/close-run";
import { exportRunEvidence } from "@/lib/audit/export-run";
import { searchPromotions } from "@/lib/audit/search-promotions";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { actorForApiToken } from "@/lib/tokens/token-actor";
import { loadTeamRoles } from "@/lib/teams/team-roles";
import { changeUser } from "@/lib/users/change-user";
import { makeUser } from "@/test/fixtures";

const PLAIN = (name: string) => `# ${name}\n\n### Work\n* [ ] Check the dashboards\n* [ ] Deploy\n`;

type Team = { id: string; slug: string };
let teamA: Team;
let teamB: Team;
let opA: Actor;
let opB: Actor;
let admin: Actor;
let runA: Awaited<ReturnType<typeof createRun>>;
let slugA: string;
let slugB: string;

/** The actor as the next request sees them: roles re-read. */
const fresh = async (a: Actor): Promise<Actor> => ({ ...a, teamRoles: await loadTeamRoles(a.id) });

beforeAll(async () => {
  const tag = randomUUID().slice(0, 6);
  teamA = await createTeam({ actor: "system", name: `A ${tag}`, slug: `a-${tag}` });
  teamB = await createTeam({ actor: "system", name: `B ${tag}`, slug: `b-${tag}` });
  [opA, opB, admin] = await Promise.all([
    makeUser("operator", teamA.id),
    makeUser("operator", teamB.id),
    makeUser("admin"),
  ]);
  slugA = (await importTemplate({ actor: "system", markdown: PLAIN(`Alpha ${tag}`), team: teamA.slug })).slug;
  slugB = (await importTemplate({ actor: "system", markdown: PLAIN(`Beta ${tag}`), team: teamB.slug })).slug;
  runA = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
});

describe("teams own templates and runs", () => {
  it("numbers each team's runs on their own, keeping the workspace-wide number as the address", async () => {
    const second = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    const inB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    expect([runA, second, inB].map((r) => r.teamNumber)).toEqual([1, 2, 1]);
    expect(new Set([runA.number, second.number, inB.number]).size).toBe(3);
    expect((await getRunView({ actor: opB, number: inB.number })).team.slug).toBe(teamB.slug);
  });

  it("shows another team's runs and templates to no one of this team: not found, and absent from lists", async () => {
    await expect(getRunView({ actor: opB, number: runA.number })).rejects.toThrow(NotFoundError);
    expect((await listRuns({ actor: opB, take: 500 })).map((r) => r.id)).not.toContain(runA.id);
    expect((await listTemplates({ actor: opB })).map((t) => t.slug)).not.toContain(slugA);
    await expect(getTemplate({ actor: opB, slug: slugA })).rejects.toThrow(NotFoundError);
    const page = await searchPromotions({ actor: opB, filter: { team: teamA.slug } });
    expect(page.total).toBe(0);
    // The right role in the right team sees it.
    expect((await searchPromotions({ actor: opA, filter: { team: teamA.slug } })).total).toBeGreaterThan(0);
  });

  it("refuses every change from another team's member as not found, and allows the team's operator", async () => {
    const item = await db().runItem.findFirstOrThrow({ where: { runId: runA.id, position: 0 } });
    const tick = (actor: Actor) =>
      tickItem({ actor, runId: runA.id, itemId: item.id, version: item.version, done: true });
    await expect(tick(opB)).rejects.toThrow(new NotFoundError("No such run."));
    await expect(closeRun({ actor: opB, runId: runA.id })).rejects.toThrow(NotFoundError);
    await expect(exportRunEvidence({ actor: opB, number: runA.number })).rejects.toThrow(NotFoundError);
    await expect(createRun({ actor: opB, templateSlug: slugA, fields: {} })).rejects.toThrow(
      new NotFoundError(`No template "${slugA}".`),
    );
    await expect(tick(opA)).resolves.toMatchObject({ state: "done" });
  });

  it("refuses an item of another team's run through this team's run", async () => {
    const runB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    const itemB = await db().runItem.findFirstOrThrow({ where: { runId: runB.id, position: 0 } });
    await expect(
      tickItem({ actor: opA, runId: runA.id, itemId: itemB.id, version: itemB.version, done: true }),
    ).rejects.toThrow(NotFoundError);
    expect((await db().runItem.findUniqueOrThrow({ where: { id: itemB.id } })).state).toBe("open");
  });

  it("holds roles per team: an operator in one team can be a subscriber in another", async () => {
    await setTeamRole({ actor: admin, teamId: teamB.id, userId: opA.id, role: "subscriber" });
    const both = await fresh(opA);
    const runB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    const itemB = await db().runItem.findFirstOrThrow({ where: { runId: runB.id, position: 0 } });
    await expect(
      tickItem({ actor: both, runId: runB.id, itemId: itemB.id, version: itemB.version, done: true }),
    ).rejects.toThrow("Your role (subscriber) does not allow runs.write.");
    await setTeamRole({ actor: admin, teamId: teamB.id, userId: opA.id, role: null });
    expect((await fresh(opA)).teamRoles).toEqual({ [teamA.id]: "operator" });
  });

  it("limits an auditor to chosen teams; a workspace auditor sees every team", async () => {
    const limited = await makeUser("subscriber", teamA.id);
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: limited.id, role: "auditor" });
    const auditorA = await fresh(limited);
    await expect(exportRunEvidence({ actor: auditorA, number: runA.number })).resolves.toBeDefined();
    const runB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    await expect(getRunView({ actor: auditorA, number: runB.number })).rejects.toThrow(NotFoundError);
    const everywhere = await makeUser("auditor");
    await expect(getRunView({ actor: everywhere, number: runB.number })).resolves.toBeDefined();
    await expect(getRunView({ actor: everywhere, number: runA.number })).resolves.toBeDefined();
  });

  it("gives a token its owner's roles in the token's team only: another team's run is not found", async () => {
    await setTeamRole({ actor: admin, teamId: teamB.id, userId: opA.id, role: "operator" });
    const owner = await fresh(opA);
    const { token } = await createApiToken({
      actor: owner,
      name: "a",
      scopes: ["runs.read", "runs.write"],
      team: teamA.slug,
    });
    const tokenActor = await actorForApiToken(token);
    const runB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    await expect(getRunView({ actor: tokenActor, number: runB.number })).rejects.toThrow(NotFoundError);
    await expect(closeRun({ actor: tokenActor, runId: runB.id })).rejects.toThrow(NotFoundError);
    await expect(getRunView({ actor: tokenActor, number: runA.number })).resolves.toBeDefined();
    // Scopes beyond the owner's roles in that team are refused at creation.
    const subscriberOnly = await makeUser("subscriber", teamA.id);
    await expect(
      createApiToken({ actor: subscriberOnly, name: "x", scopes: ["runs.write"], team: teamA.slug }),
    ).rejects.toThrow(ValidationError);
    await setTeamRole({ actor: admin, teamId: teamB.id, userId: opA.id, role: null });
  });

  it("audits team role changes and refuses them from anyone but an admin", async () => {
    await expect(
      setTeamRole({ actor: opA, teamId: teamA.id, userId: opB.id, role: "operator" }),
    ).rejects.toThrow("does not allow users.admin");
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: opB.id, role: "subscriber" });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "team.role_changed", payload: { path: ["userId"], equals: opB.id } },
      orderBy: { id: "desc" },
    });
    expect(event.payload).toMatchObject({ team: teamA.slug, from: null, to: "subscriber", via: "admin" });
    await expect(createTeam({ actor: admin, name: "Dup", slug: teamA.slug })).rejects.toThrow(
      ValidationError,
    );
  });

  it("moves a person's team roles along when an admin changes their role on the Users page", async () => {
    const person = await makeUser("operator", teamA.id);
    await setTeamRole({ actor: admin, teamId: teamB.id, userId: person.id, role: "subscriber" });
    await changeUser({ actor: admin, userId: person.id, role: "auditor" });
    // The operator role in A ends (auditor is workspace-wide); the subscriber role in B stays.
    expect((await fresh(person)).teamRoles).toEqual({ [teamB.id]: "subscriber" });
    await changeUser({ actor: admin, userId: person.id, role: "subscriber" });
    expect((await fresh(person)).teamRoles).toEqual({ [teamB.id]: "subscriber" });
    await changeUser({ actor: admin, userId: person.id, role: "operator" });
    expect((await fresh(person)).teamRoles).toEqual({ [teamB.id]: "operator" });
  });
});
