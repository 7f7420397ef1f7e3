import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTeam, setTeamRole } from "@/lib/teams/manage-teams";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import { setRunApprovers } from "@/lib/runs/set-run-approvers";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { getReminderPolicy, setReminderPolicy } from "@/lib/reminders/reminder-policy";
import { planForRun } from "@/lib/reminders/sync-reminders";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { changeUser } from "@/lib/users/change-user";
import { removeTeamTarget, saveTeamTarget } from "@/lib/team-settings/team-targets";
import { setTeamApprovers } from "@/lib/team-settings/team-approvers";
import { setTeamReminderDefaults } from "@/lib/team-settings/team-reminder-defaults";
import { getTeamSettings } from "@/lib/team-settings/get-team-settings";
import { makeUser } from "@/test/fixtures";
import { startSlackFake } from "@/test/fakes/slack-webhook";
import { sendTestMessage } from "@/lib/notify/send-test-message";

const tag = randomUUID().slice(0, 6);
const channel = `deploys-${tag}`;
const TIMED = (name: string) =>
  `# ${name}\n\n` +
  `### Pre-Flight (5 Days Before)\n1. * [ ] Announce <!-- runsheet: kind=notify -->\n` +
  `   "The change is coming."\n` +
  `   1. * [ ] Slack channel "${channel}"\n` +
  `### Phase 1: Preparation (T-4hrs before change)\n* [ ] Take a snapshot\n` +
  `### Phase 2: Notice (1 minute before change)\n* [ ] Say it starts\n` +
  `### Phase 3: Decide\n* [ ] Decide <!-- runsheet: id=decide kind=decision -->\n`;

let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };
let opA: Actor;
let opA2: Actor;
let opB: Actor;
let subA: Actor;
let admin: Actor;
let slugA: string;
let slugB: string;
const env = {
  SLACK_WEBHOOK_WS: "http://127.0.0.1:9/workspace",
  SLACK_WEBHOOK_TEAM: "http://127.0.0.1:9/team",
};

beforeAll(async () => {
  Object.assign(process.env, env);
  teamA = await createTeam({ actor: "system", name: `Pay ${tag}`, slug: `pay-${tag}` });
  teamB = await createTeam({ actor: "system", name: `Plat ${tag}`, slug: `plat-${tag}` });
  [opA, opA2, opB, subA, admin] = await Promise.all([
    makeUser("operator", teamA.id),
    makeUser("operator", teamA.id),
    makeUser("operator", teamB.id),
    makeUser("subscriber", teamA.id),
    makeUser("admin"),
  ]);
  slugA = (await importTemplate({ actor: "system", markdown: TIMED(`Ledger ${tag}`), team: teamA.slug }))
    .slug;
  slugB = (await importTemplate({ actor: "system", markdown: TIMED(`Deploy ${tag}`), team: teamB.slug }))
    .slug;
  await saveIntegrationTarget({
    actor: admin,
    channel: "slack",
    name: channel,
    config: { webhookEnv: "SLACK_WEBHOOK_WS" },
  });
});

afterAll(() => {
  for (const k of Object.keys(env)) delete process.env[k];
});

describe("a team's own integration targets", () => {
  it("resolve before the workspace's of the same name, for the run's team only", async () => {
    const before = await resolveTarget("slack", channel, { rehearsal: false, teamId: teamA.id });
    expect(before).toMatchObject({ ok: true, scope: "workspace", webhookUrl: env.SLACK_WEBHOOK_WS });
    await saveTeamTarget({
      actor: admin,
      team: teamA.slug,
      channel: "slack",
      name: channel,
      config: { webhookEnv: "SLACK_WEBHOOK_TEAM", testWebhookEnv: "SLACK_WEBHOOK_WS" },
    });
    const runA = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    const runB = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    expect(await resolveTarget("slack", channel, runA)).toMatchObject({
      scope: "team",
      webhookUrl: env.SLACK_WEBHOOK_TEAM,
    });
    expect(await resolveTarget("slack", channel, runB)).toMatchObject({
      scope: "workspace",
      webhookUrl: env.SLACK_WEBHOOK_WS,
    });
    // A rehearsal of the team's run goes to the team target's own test destination.
    expect(await resolveTarget("slack", channel, { ...runA, rehearsal: true })).toMatchObject({
      scope: "team",
      test: true,
      config: { webhookEnv: "SLACK_WEBHOOK_WS" },
    });
    const view = await getTeamSettings({ actor: opA, team: teamA.slug });
    expect(view.targets.find((t) => t.name === channel)).toMatchObject({ inForce: "team" });
    expect((await getTeamSettings({ actor: opB, team: teamB.slug })).targets[0]).toMatchObject({
      name: channel,
      inForce: "workspace",
    });
  });

  it("are audited with before and after, and removing one falls back to the workspace's", async () => {
    const saved = await db().auditEvent.findFirstOrThrow({
      where: { action: "team.integration_target_saved", payload: { path: ["teamId"], equals: teamA.id } },
    });
    expect(saved.runId).toBeNull();
    expect(saved.payload).toMatchObject({ before: null, after: { webhookEnv: "SLACK_WEBHOOK_TEAM" } });
    await removeTeamTarget({ actor: admin, team: teamA.slug, channel: "slack", name: channel });
    expect(await resolveTarget("slack", channel, { rehearsal: false, teamId: teamA.id })).toMatchObject({
      scope: "workspace",
    });
    const removed = await db().auditEvent.findFirstOrThrow({
      where: { action: "team.integration_target_removed", payload: { path: ["teamId"], equals: teamA.id } },
    });
    expect(removed.payload).toMatchObject({ before: { webhookEnv: "SLACK_WEBHOOK_TEAM" }, after: null });
  });

  it("can be tested by the team through the real adapter, only its own, audited", async () => {
    const fake = await startSlackFake();
    process.env.SLACK_WEBHOOK_TEAM_TEST = fake.webhookUrl;
    try {
      const ref = { team: teamA.slug, channel: "slack" as const, name: `tested-${tag}` };
      await expect(sendTestMessage({ actor: admin, ...ref })).rejects.toThrow(NotFoundError);
      await saveTeamTarget({ actor: admin, ...ref, config: { webhookEnv: "SLACK_WEBHOOK_TEAM_TEST" } });
      await expect(sendTestMessage({ actor: admin, ...ref })).resolves.toMatchObject({ ok: true });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]!.body).toContain(`“tested-${tag}”`);
      await expect(sendTestMessage({ actor: opB, ...ref })).rejects.toThrow(NotFoundError);
      await expect(sendTestMessage({ actor: subA, ...ref })).rejects.toThrow(ForbiddenError);
      // A team's operator runs its changes but does not choose where they are announced.
      await expect(sendTestMessage({ actor: opA, ...ref })).rejects.toThrow(ForbiddenError);
      expect(fake.requests).toHaveLength(1);
      const event = await db().auditEvent.findFirstOrThrow({
        where: { action: "integration_target.tested", payload: { path: ["team"], equals: teamA.slug } },
      });
      expect(event.payload).toMatchObject({ name: `tested-${tag}`, ok: true });
      await removeTeamTarget({ actor: admin, ...ref });
    } finally {
      delete process.env.SLACK_WEBHOOK_TEAM_TEST;
      await fake.close();
    }
  });

  it("refuse a bad configuration by field, and anyone but an admin: an operator of the team too", async () => {
    const save = (actor: Actor, config: unknown, team = teamA.slug) =>
      saveTeamTarget({ actor, team, channel: "slack", name: channel, config });
    const bad = await save(admin, { webhookEnv: "https://hooks.example" }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.fieldErrors).toHaveProperty("webhookEnv");
    await expect(save(opB, { webhookEnv: "SLACK_WEBHOOK_TEAM" })).rejects.toThrow(NotFoundError);
    await expect(save(subA, { webhookEnv: "SLACK_WEBHOOK_TEAM" })).rejects.toThrow(ForbiddenError);
    await expect(save(opA, { webhookEnv: "SLACK_WEBHOOK_TEAM" })).rejects.toThrow(ForbiddenError);
    await expect(
      removeTeamTarget({ actor: opA, team: teamA.slug, channel: "slack", name: channel }),
    ).rejects.toThrow(ForbiddenError);
    await expect(getTeamSettings({ actor: opB, team: teamA.slug })).rejects.toThrow(NotFoundError);
    expect(await db().teamIntegrationTarget.count({ where: { teamId: teamA.id } })).toBe(0);
  });
});

describe("a team's default approvers", () => {
  it("are every new run's named approvers, audited in the run's stream; the run's list stays its own", async () => {
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [opA2.id, admin.id] });
    const run = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    const named = await db().runApprover.findMany({ where: { runId: run.id } });
    expect(named.map((a) => a.userId).sort()).toEqual([opA2.id, admin.id].sort());
    const event = await db().auditEvent.findFirstOrThrow({
      where: { runId: run.id, action: "run.approvers_changed" },
    });
    expect(event.payload).toMatchObject({ from: [], to: [opA2.id, admin.id], via: "team-settings" });
    await setRunApprovers({ actor: opA, runId: run.id, userIds: [opA.id] });
    expect((await db().runApprover.findMany({ where: { runId: run.id } })).map((a) => a.userId)).toEqual([
      opA.id,
    ]);
    // Another team's runs start with none.
    const other = await createRun({ actor: opB, templateSlug: slugB, fields: {} });
    expect(await db().runApprover.count({ where: { runId: other.id } })).toBe(0);
    const changed = await db().auditEvent.findFirstOrThrow({
      where: { action: "team.approvers_changed", payload: { path: ["teamId"], equals: teamA.id } },
    });
    expect(changed.payload).toMatchObject({
      before: { approvers: [], minApprovals: null },
      after: { approvers: [opA2.id, admin.id], minApprovals: null },
    });
  });

  it("raise the GO quorum of new runs to the team's minimum, never lower a template's", async () => {
    const quorumOf = async (runId: string) =>
      (await db().runItem.findFirstOrThrow({ where: { runId, kind: "decision" } })).spec as {
        approvals?: number;
      };
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [], minApprovals: 2 });
    const raised = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    expect(await quorumOf(raised.id)).toMatchObject({ approvals: 2 });
    const demanding = (
      await importTemplate({
        actor: "system",
        markdown: TIMED(`Strict ${tag}`).replace("kind=decision", "kind=decision approvals=3"),
        team: teamA.slug,
      })
    ).slug;
    const kept = await createRun({ actor: opA, templateSlug: demanding, fields: {} });
    expect(await quorumOf(kept.id)).toMatchObject({ approvals: 3 });
    // The run keeps its quorum when the team's setting changes; other teams never had it.
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [], minApprovals: null });
    expect(await quorumOf(raised.id)).toMatchObject({ approvals: 2 });
    expect(
      (await quorumOf((await createRun({ actor: opA, templateSlug: slugA, fields: {} })).id)).approvals,
    ).toBeUndefined();
    const zero = await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [], minApprovals: 0 }).catch(
      (e) => e,
    );
    expect(zero).toBeInstanceOf(ValidationError);
    expect(zero.fieldErrors).toHaveProperty("minApprovals");
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [opA2.id, admin.id] });
  });

  it("refuse anyone who may not decide in the team, by field, and store nothing", async () => {
    for (const userIds of [[subA.id], [opB.id], [randomUUID()]]) {
      const err = await setTeamApprovers({ actor: opA, team: teamA.slug, userIds }).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.fieldErrors.userIds).toEqual(["Not an active person with runs.decide in this team"]);
    }
    await expect(setTeamApprovers({ actor: subA, team: teamA.slug, userIds: [] })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(setTeamApprovers({ actor: opB, team: teamA.slug, userIds: [] })).rejects.toThrow(
      NotFoundError,
    );
    const kept = await db().teamApprover.findMany({ where: { teamId: teamA.id } });
    expect(kept.map((a) => a.userId).sort()).toEqual([opA2.id, admin.id].sort());
  });

  it("leave out at run start someone who may no longer decide there, and say so", async () => {
    const leaving = await makeUser("operator", teamA.id);
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [leaving.id, opA2.id] });
    await setTeamRole({ actor: admin, teamId: teamA.id, userId: leaving.id, role: "subscriber" });
    const run = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    expect((await db().runApprover.findMany({ where: { runId: run.id } })).map((a) => a.userId)).toEqual([
      opA2.id,
    ]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { runId: run.id, action: "run.approvers_changed" },
    });
    expect(event.payload).toMatchObject({ to: [opA2.id], leftOut: [leaving.id] });
    await changeUser({ actor: admin, userId: opA2.id, active: false });
    const none = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    expect(await db().runApprover.count({ where: { runId: none.id } })).toBe(0);
    await changeUser({ actor: admin, userId: opA2.id, active: true });
    await setTeamApprovers({ actor: opA, team: teamA.slug, userIds: [] });
  });
});

describe("reminder lead times", () => {
  it("come from the template's phase, else the team's default, else the workspace's", async () => {
    await setTeamReminderDefaults({
      actor: opA,
      team: teamA.slug,
      daysAhead: 120,
      hoursAhead: null,
      minutesAhead: 30,
      overdueMarginMinutes: 25,
    });
    const teamOnly = await getReminderPolicy({ actor: opA, templateSlug: slugA });
    expect(teamOnly.phases.map((p) => [p.offsetMinutes, p.leadMinutes, p.source])).toEqual([
      [-5 * 1440, 120, "team"],
      [-240, 30, "workspace"],
      // The team's 30 minutes would reach back before the phase's own offset: capped at it.
      [-1, 1, "team"],
    ]);
    expect(teamOnly).toMatchObject({ overdueMarginMinutes: 25, overdueMarginSource: "team" });
    const keys = teamOnly.phases.map((p) => p.key);
    await setReminderPolicy({
      actor: opA,
      templateSlug: slugA,
      leadMinutes: { [keys[0]!]: 60 },
      overdueMarginMinutes: 5,
    });
    const withTemplate = await getReminderPolicy({ actor: opA, templateSlug: slugA });
    expect(withTemplate.phases.map((p) => [p.leadMinutes, p.source])).toEqual([
      [60, "template"],
      [30, "workspace"],
      [1, "team"],
    ]);
    expect(withTemplate).toMatchObject({ overdueMarginMinutes: 5, overdueMarginSource: "template" });
    const otherTeam = await getReminderPolicy({ actor: opB, templateSlug: slugB });
    expect(otherTeam.phases.map((p) => [p.leadMinutes, p.source])).toEqual([
      [1440, "workspace"],
      [30, "workspace"],
      [1, "workspace"],
    ]);
    expect(otherTeam).toMatchObject({ overdueMarginMinutes: 15, overdueMarginSource: "workspace" });
  });

  it("plan a run's reminders with the team's default where the template sets none", async () => {
    await setTeamReminderDefaults({
      actor: opA,
      team: teamA.slug,
      daysAhead: 120,
      hoursAhead: 90,
      minutesAhead: 30,
      overdueMarginMinutes: 25,
    });
    const run = await createRun({ actor: opA, templateSlug: slugA, fields: {} });
    await setRunWindow({ actor: opA, runId: run.id, start: "2027-03-10T12:00", timeZone: "UTC" });
    const plan = await db().$transaction((tx) => planForRun(tx, run.id, new Date("2027-03-01T00:00:00Z")));
    const window = Date.parse("2027-03-10T12:00:00Z");
    const leadAt = (minutesBefore: number) =>
      plan
        .find((p) => p.kind === "lead" && p.dueAt.getTime() === window - minutesBefore * 60_000)
        ?.fireAt.toISOString();
    // 5 days before: the template's own 60 minutes win over the team's 120.
    expect(leadAt(5 * 1440)).toBe("2027-03-05T11:00:00.000Z");
    // T-4h: the template sets nothing, so the team's 90 minutes (the workspace would say 30).
    expect(leadAt(240)).toBe("2027-03-10T06:30:00.000Z");
    // T-1m: the team's 30 minutes, capped at the phase's own offset.
    expect(leadAt(1)).toBe("2027-03-10T11:58:00.000Z");
  });

  it("refuse a bad value by field, from anyone without teams.settings, and store nothing", async () => {
    const base = {
      team: teamA.slug,
      daysAhead: 0,
      hoursAhead: 1.5,
      minutesAhead: null,
      overdueMarginMinutes: -1,
    };
    const err = await setTeamReminderDefaults({ actor: opA, ...base }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["daysAhead", "hoursAhead", "overdueMarginMinutes"]);
    const ok = { ...base, daysAhead: 60, hoursAhead: null, overdueMarginMinutes: null };
    await expect(setTeamReminderDefaults({ actor: subA, ...ok })).rejects.toThrow(ForbiddenError);
    await expect(setTeamReminderDefaults({ actor: opB, ...ok })).rejects.toThrow(NotFoundError);
    const row = await db().teamSettings.findUniqueOrThrow({ where: { teamId: teamA.id } });
    expect(row).toMatchObject({ leadDaysAhead: 120, overdueMarginMinutes: 25 });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "team.reminder_defaults_set", payload: { path: ["teamId"], equals: teamA.id } },
      orderBy: { id: "asc" },
    });
    expect(event.payload).toMatchObject({
      before: { leads: {}, overdueMarginMinutes: null },
      after: { leads: { daysAhead: 120, minutesAhead: 30 }, overdueMarginMinutes: 25 },
    });
  });
});
