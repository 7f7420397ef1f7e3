import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { assignItem } from "@/lib/runs/assign-item";
import { setRunAssignees } from "@/lib/runs/set-run-assignees";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { skipItem } from "@/lib/runs/skip-item";
import { fireDueReminders } from "@/lib/reminders/fire-reminders";
import { setReminderPolicy } from "@/lib/reminders/reminder-policy";
import { syncOpenRuns } from "@/lib/reminders/sync-open-runs";
import { createUser } from "@/lib/users/create-user";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import { closeRun } from "@/lib/runs/close-run";
import { tickItem } from "@/lib/runs/tick-item";
import { makeSeedRun, makeUser, SEED_SLUG } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import { startSmtpCapture, type SmtpCapture } from "@/test/smtp-capture";
import { startSlackFake, type SlackFake } from "@/test/fakes/slack-webhook";

const LIST = "Andromeda PreProduction Watch";
const ENV_KEYS = ["SMTP_URL", "SLACK_WEBHOOK_ANDROMEDA"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let smtp: SmtpCapture;
let slack: SlackFake;
let admin: Actor;
let lead: Actor;
let helper: Actor;

/** A clock that says what the test says: no test here waits for real time. */
const at = (iso: string) => () => new Date(iso);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  slack = await startSlackFake();
  Object.assign(process.env, { SMTP_URL: smtp.url, SLACK_WEBHOOK_ANDROMEDA: slack.webhookUrl });
  admin = await makeUser("admin");
  lead = await makeUser("operator");
  helper = await makeUser("operator");
  await saveIntegrationTarget({
    actor: admin,
    channel: "slack",
    name: LIST,
    config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA" },
  });
});

afterAll(async () => {
  await Promise.all([smtp?.close(), slack?.close()]);
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function startRun(windowStart = "2026-12-10T22:00") {
  const run = await makeSeedRun(lead);
  await setRunAssignees({ actor: lead, runId: run.id, userIds: [lead.id] });
  await setRunWindow({ actor: lead, runId: run.id, start: windowStart, timeZone: "UTC" });
  return run;
}

/**
 * Works Pre-Flight, whose record item sets the window (to the fixtures' date), then plans
 * the night again: the run as its team has it on the morning of the change.
 */
async function preFlightDone(runId: string) {
  await completeUpTo(lead, runId, "phase-1-change-preparation");
  await setRunWindow({ actor: lead, runId, start: "2026-12-10T22:00", timeZone: "UTC" });
}

async function reminderOf(runId: string, sectionKey: string, kind: "lead" | "overdue") {
  return db().runReminder.findFirstOrThrow({ where: { runId, kind, section: { key: sectionKey } } });
}

const mailsFor = (runNumber: number) => smtp.messages.filter((m) => m.subject.includes(`#${runNumber} `));

async function auditOf(runId: string, action: string) {
  return db().auditEvent.findMany({ where: { runId, action }, orderBy: { seq: "asc" } });
}

describe("reminders before a phase is due", () => {
  it("go out at their time, to the assignees and completers, with a link, audited; once", async () => {
    const run = await startRun();
    const prep = await db().runItem.findFirstOrThrow({
      where: { runId: run.id, section: { key: "phase-1-change-preparation" } },
      orderBy: { position: "asc" },
    });
    await assignItem({
      actor: lead,
      runId: run.id,
      itemId: prep.id,
      version: prep.version,
      assigneeId: helper.id,
    });

    // T-5d phase: its reminder is the day before it is due.
    expect((await reminderOf(run.id, "pre-flight", "lead")).fireAt.toISOString()).toBe(
      "2026-12-04T22:00:00.000Z",
    );
    expect(await fireDueReminders({ clock: at("2026-12-04T21:59:59Z"), runId: run.id })).toEqual([]);
    const fired = await fireDueReminders({ clock: at("2026-12-04T22:00:00Z"), runId: run.id });
    expect(fired.map((f) => [f.kind, f.status])).toEqual([["lead", "sent"]]);
    const [mail] = mailsFor(run.number);
    expect(mail?.to).toEqual([`${lead.handle}@test.local`]);
    expect(mail?.subject).toMatch(/^Reminder: “Pre-Flight.*” of #\d+ .* is due in 1d$/);
    expect(mail?.text).toContain(`/runs/${run.number}`);

    // Pre-Flight is left open: a quarter of an hour after it was due, it is escalated.
    expect(await fireDueReminders({ clock: at("2026-12-05T22:14:59Z"), runId: run.id })).toEqual([]);
    const overdue = await fireDueReminders({ clock: at("2026-12-05T22:15:00Z"), runId: run.id });
    expect(overdue.map((f) => [f.kind, f.status])).toEqual([["overdue", "sent"]]);

    // Phase 1 (T-4h): half an hour before, to the item's assignee and the completer.
    expect(await fireDueReminders({ clock: at("2026-12-10T17:29:59Z"), runId: run.id })).toEqual([]);
    const second = await fireDueReminders({ clock: at("2026-12-10T17:30:00Z"), runId: run.id });
    expect(second.map((f) => [f.kind, f.status])).toEqual([["lead", "sent"]]);
    const phase1 = mailsFor(run.number).filter((m) => m.subject.includes("Change Preparation"));
    expect(phase1.flatMap((m) => m.to).sort()).toEqual(
      [helper, lead].map((u) => `${u.handle}@test.local`).sort(),
    );
    expect(await fireDueReminders({ clock: at("2026-12-10T17:31:00Z"), runId: run.id })).toEqual([]);

    const sent = await auditOf(run.id, "reminder.sent");
    expect(sent.map((e) => (e.payload as { section: string }).section)).toEqual([
      "pre-flight",
      "phase-1-change-preparation",
    ]);
    expect((sent[1]!.payload as { to: string[] }).to.sort()).toEqual([helper.handle, lead.handle].sort());
  });

  it("are cancelled when the phase's items are done or skipped, and nothing is sent", async () => {
    const run = await startRun();
    await preFlightDone(run.id);
    const before = mailsFor(run.number).length;
    const fired = await fireDueReminders({ clock: at("2026-12-04T22:00:00Z"), runId: run.id });
    expect(fired).toEqual([]);
    expect(mailsFor(run.number)).toHaveLength(before);
    const r = await reminderOf(run.id, "pre-flight", "lead");
    expect(r.status).toBe("cancelled");
    expect(r.reason).toBe("the phase's items are done or skipped");
    expect((await reminderOf(run.id, "pre-flight", "overdue")).status).toBe("cancelled");

    // Skipping what is left of Phase 1 stops its reminders too.
    for (const item of await db().runItem.findMany({
      where: { runId: run.id, state: "open", section: { key: "phase-1-change-preparation" } },
      orderBy: { position: "desc" },
    }))
      await skipItem({
        actor: lead,
        runId: run.id,
        itemId: item.id,
        version: item.version,
        reason: "Not tonight",
      });
    await syncOpenRuns({ clock: at("2026-12-09T00:00:00Z") });
    expect((await reminderOf(run.id, "phase-1-change-preparation", "lead")).status).toBe("cancelled");
    expect(await fireDueReminders({ clock: at("2026-12-10T18:30:00Z"), runId: run.id })).not.toContainEqual(
      expect.objectContaining({ kind: "lead" }),
    );
  });

  it("move when the window changes, and go out again for the new time", async () => {
    const run = await startRun();
    await preFlightDone(run.id);
    await fireDueReminders({ clock: at("2026-12-10T17:30:00Z"), runId: run.id });
    expect((await reminderOf(run.id, "phase-1-change-preparation", "lead")).status).toBe("sent");

    // The change is postponed by a day.
    await setRunWindow({ actor: lead, runId: run.id, start: "2026-12-11T22:00", timeZone: "UTC" });
    const moved = await reminderOf(run.id, "phase-1-change-preparation", "lead");
    expect(moved.status).toBe("pending");
    expect(moved.fireAt.toISOString()).toBe("2026-12-11T17:30:00.000Z");
    expect(await fireDueReminders({ clock: at("2026-12-10T18:30:00Z"), runId: run.id })).toEqual([]);
    const again = await fireDueReminders({ clock: at("2026-12-11T17:30:00Z"), runId: run.id });
    expect(again.map((f) => [f.kind, f.status])).toEqual([["lead", "sent"]]);
  });

  it("are not scheduled for times already gone when the window is in the past", async () => {
    const run = await startRun("2026-01-10T22:00");
    const rows = await db().runReminder.findMany({ where: { runId: run.id } });
    expect(rows.every((r) => r.status === "cancelled")).toBe(true);
    expect(rows.map((r) => r.reason)).toContain("its time had passed when the window was set");
    expect(await fireDueReminders({ clock: at("2026-12-01T00:00:00Z"), runId: run.id })).toEqual([]);
  });
});

describe("a closed run", () => {
  it("has its reminders cancelled", async () => {
    const { slug } = await importTemplate({
      actor: "system",
      markdown: "# Small change\n\n### Prepare (T-4hrs before change)\n* [ ] Take a snapshot\n",
      name: `Small change ${Date.now()}`,
    });
    const run = await createRun({ actor: lead, templateSlug: slug, fields: {} });
    await setRunWindow({ actor: lead, runId: run.id, start: "2026-12-10T22:00", timeZone: "UTC" });
    expect((await db().runReminder.findMany({ where: { runId: run.id } })).map((r) => r.status)).toEqual([
      "pending",
      "pending",
    ]);
    const [item] = await db().runItem.findMany({ where: { runId: run.id } });
    await tickItem({ actor: lead, runId: run.id, itemId: item!.id, version: item!.version, done: true });
    await closeRun({ actor: lead, runId: run.id });
    await syncOpenRuns({ clock: at("2026-12-01T00:00:00Z") });
    const rows = await db().runReminder.findMany({ where: { runId: run.id } });
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ["cancelled", "the run is closed"],
      ["cancelled", "the run is closed"],
    ]);
    expect(await fireDueReminders({ clock: at("2026-12-10T18:30:00Z"), runId: run.id })).toEqual([]);
  });
});

describe("escalation when a phase is overdue", () => {
  it("tells the completers and the announcement channel, once", async () => {
    const run = await startRun();
    await preFlightDone(run.id);
    await fireDueReminders({ clock: at("2026-12-10T17:30:00Z"), runId: run.id });
    const slackBefore = slack.posted().length;

    expect(await fireDueReminders({ clock: at("2026-12-10T18:14:59Z"), runId: run.id })).toEqual([]);
    const fired = await fireDueReminders({ clock: at("2026-12-10T18:15:00Z"), runId: run.id });
    expect(fired.map((f) => [f.kind, f.status])).toEqual([["overdue", "sent"]]);
    const posts = slack.posted().slice(slackBefore);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(
      /^Overdue: “Phase 1: Change Preparation.*” of #\d+ .* was due 15m ago\n.*\/runs\/\d+$/,
    );
    const mail = mailsFor(run.number).filter((m) => m.subject.startsWith("Overdue"));
    expect(mail.map((m) => m.to)).toEqual([[`${lead.handle}@test.local`]]);

    // Later sweeps, on this and other instances, do not repeat it.
    expect(await fireDueReminders({ clock: at("2026-12-10T18:16:00Z"), runId: run.id })).toEqual([]);
    await syncOpenRuns({ clock: at("2026-12-10T19:00:00Z") });
    expect(await fireDueReminders({ clock: at("2026-12-10T19:00:00Z"), runId: run.id })).toEqual([]);
    const escalations = await auditOf(run.id, "reminder.escalated");
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.payload).toMatchObject({
      kind: "overdue",
      section: "phase-1-change-preparation",
      dueAt: "2026-12-10T18:00:00.000Z",
    });
  });
});

describe("a reminder no channel took", () => {
  it("is tried again with backoff while the failure may pass, then sent once", async () => {
    // The only person to tell has a mailbox the server refuses: Slack is the one way left.
    const refused = await createUser({
      actor: "system",
      email: `gone-${Date.now()}@refused.test`,
      name: "Gone",
      handle: `gone-${Date.now()}`,
      role: "operator",
      password: "correct horse battery staple",
    });
    const run = await startRun();
    await preFlightDone(run.id);
    await setRunAssignees({ actor: lead, runId: run.id, userIds: [refused.id] });
    slack.failNext({ status: 503, body: "try later" });

    const first = await fireDueReminders({ clock: at("2026-12-10T17:30:00Z"), runId: run.id });
    expect(first.map((f) => [f.kind, f.status])).toEqual([["lead", "pending"]]);
    const row = await reminderOf(run.id, "phase-1-change-preparation", "lead");
    expect(row.lastError).toMatch(/503/);
    expect(await auditOf(run.id, "reminder.sent")).toHaveLength(0);
    // The next attempt waits a minute after the first.
    expect(await fireDueReminders({ clock: at("2026-12-10T17:30:30Z"), runId: run.id })).toEqual([]);
    const second = await fireDueReminders({ clock: at("2026-12-10T17:31:00Z"), runId: run.id });
    expect(second.map((f) => [f.kind, f.status])).toEqual([["lead", "sent"]]);
    const [event] = await auditOf(run.id, "reminder.sent");
    expect(event!.payload).toMatchObject({
      attempts: 2,
      outcomes: [
        { channel: "email", ok: false, retryable: false },
        { channel: "slack", target: LIST, ok: true },
      ],
    });
  });
});

describe("a template's lead times", () => {
  it("refuse a lead time longer than the phase's offset, naming it, and change nothing", async () => {
    const run = await startRun();
    const templateId = (
      await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { templateVersion: true } })
    ).templateVersion.templateId;
    const templateSlug = SEED_SLUG;
    // Other files' tests may have set the seed's policy already: a refusal leaves it as it was.
    const policyBefore = await db().templateReminderPolicy.findUnique({ where: { templateId } });
    const refused = setReminderPolicy({
      actor: lead,
      templateSlug,
      leadMinutes: { "phase-2-prechange-commencement-notice": 30, "phase-1-change-preparation": 60 },
      overdueMarginMinutes: 10,
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow("The lead time 30m is longer than the phase's offset T-1m.");
    expect(await db().templateReminderPolicy.findUnique({ where: { templateId } })).toEqual(policyBefore);

    await setReminderPolicy({
      actor: lead,
      templateSlug,
      leadMinutes: { "phase-1-change-preparation": 60 },
      overdueMarginMinutes: 10,
    });
    await syncOpenRuns({ clock: at("2026-12-01T00:00:00Z") });
    expect((await reminderOf(run.id, "phase-1-change-preparation", "lead")).fireAt.toISOString()).toBe(
      "2026-12-10T17:00:00.000Z",
    );
    expect((await reminderOf(run.id, "phase-1-change-preparation", "overdue")).fireAt.toISOString()).toBe(
      "2026-12-10T18:10:00.000Z",
    );
    await setReminderPolicy({ actor: lead, templateSlug, leadMinutes: {}, overdueMarginMinutes: 15 });
  });
});
