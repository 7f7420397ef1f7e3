import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { sendNotification } from "@/lib/notify/send-notification";
import { previewNotification } from "@/lib/notify/preview-notification";
import { retryNotification } from "@/lib/notify/retry-notification";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { sendTestMessage } from "@/lib/notify/send-test-message";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { makeSeedRun, makeUser, windowAhead } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import type { SmtpCapture } from "@/test/smtp-capture";
import type { SlackFake } from "@/test/fakes/slack-webhook";
import type { StatuspageFake } from "@/test/fakes/statuspage";
import { LIST, PAGE, startNotifyHarness, until, type NotifyHarness } from "@/test/notify-harness";

const ADDRESSES = ["watch@andromeda.example.test", "oncall@andromeda.example.test"];

let smtp: SmtpCapture;
let slack: SlackFake;
let statuspage: StatuspageFake;
let admin: Actor;
let operator: Actor;
let harness: NotifyHarness | undefined;

beforeAll(async () => {
  harness = await startNotifyHarness({ addresses: ADDRESSES, httpTimeoutMs: 1500 });
  ({ smtp, slack, statuspage, admin, operator } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

/** A seed run at Phase 2 (the phases before it done) and its commencement announcement. */
async function announcement() {
  const run = await makeSeedRun(operator, { changesetVersion: `9.${Math.floor(Math.random() * 1e6)}` });
  await completeUpTo(operator, run.id, "phase-2-prechange-commencement-notice");
  const item = await db().runItem.findFirstOrThrow({
    where: { runId: run.id, kind: "notify" },
    orderBy: { position: "asc" },
  });
  const channels = await db().runItem.findMany({
    where: { parentId: item.id },
    orderBy: { position: "asc" },
  });
  return { run, item, channels };
}

const rowsOf = (runId: string) =>
  db().notification.findMany({ where: { runId }, orderBy: { channel: "asc" } });
const eventsOf = (runId: string, action: string) =>
  db().auditEvent.findMany({ where: { runId, action }, orderBy: { seq: "asc" } });
const slackRequestsFor = (version: string) => slack.requests.filter((r) => r.body.includes(version));
const allDelivered = (runId: string, n: number) => async () => {
  const rows = await rowsOf(runId);
  return rows.length === n && rows.every((r) => r.status === "delivered") && rows;
};

describe("sending an announcement", () => {
  it("writes one row per channel with its audit event, queues one job per row, and delivers", async () => {
    const { run, item, channels } = await announcement();
    const out = await sendNotification({ actor: operator, runId: run.id, itemId: item.id });
    expect(out.queued).toBe(3);

    const rows = await rowsOf(run.id);
    expect(rows.map((r) => [r.channel, r.target])).toEqual([
      ["email", LIST],
      ["slack", LIST],
      ["statuspage", PAGE],
    ]);
    expect(new Set(rows.map((r) => r.itemId))).toEqual(new Set(channels.map((c) => c.id)));
    for (const r of rows) {
      expect(r.message).toBe(
        `Changeset ${(run.fields as Record<string, string>).changesetVersion} is commencing to the Production environment for the Andromeda system.`,
      );
      expect(r.idempotencyKey).toMatch(new RegExp(`^${run.id}:${r.itemId}:[0-9a-f]{64}$`));
    }
    const [requested] = await eventsOf(run.id, "notification.requested");
    expect(requested?.itemId).toBe(item.id);
    // Written in the same transaction: the event lists exactly the rows that exist.
    expect(
      (requested?.payload as { notifications: { id: string }[] }).notifications.map((n) => n.id).sort(),
    ).toEqual(rows.map((r) => r.id).sort());
    const jobs = await db().$queryRaw<{ singleton_key: string }[]>`
      SELECT singleton_key FROM pgboss.job WHERE name = 'notify.deliver' AND singleton_key = ANY(${rows.map((r) => r.id)}::text[])`;
    expect(jobs.map((j) => j.singleton_key).sort()).toEqual(rows.map((r) => r.id).sort());

    await until("delivery", allDelivered(run.id, 3));
  });

  it("refuses, and writes nothing, when a channel's target is not configured", async () => {
    const { run, item } = await announcement();
    await db().integrationTarget.update({
      where: { channel_name: { channel: "statuspage", name: PAGE } },
      data: { name: "elsewhere" },
    });
    try {
      await expect(sendNotification({ actor: operator, runId: run.id, itemId: item.id })).rejects.toThrow(
        /not configured/,
      );
    } finally {
      await db().integrationTarget.update({
        where: { channel_name: { channel: "statuspage", name: "elsewhere" } },
        data: { name: PAGE },
      });
    }
    expect(await rowsOf(run.id)).toEqual([]);
    expect(await eventsOf(run.id, "notification.requested")).toEqual([]);
  });

  it("a double click gives one row per channel and one delivery each", async () => {
    const { run, item } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    const mailBefore = smtp.messages.length;
    const incidentsBefore = statuspage.incidents.length;
    const [a, b] = await Promise.all([
      sendNotification({ actor: operator, runId: run.id, itemId: item.id }),
      sendNotification({ actor: operator, runId: run.id, itemId: item.id }),
    ]);
    expect(a.queued + b.queued).toBe(3);
    await until("delivery", allDelivered(run.id, 3));
    // A third click after delivery finds every channel ticked.
    await expect(sendNotification({ actor: operator, runId: run.id, itemId: item.id })).rejects.toThrow(
      DomainError,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowsOf(run.id)).toHaveLength(3);
    expect(await eventsOf(run.id, "notification.requested")).toHaveLength(1);
    expect(slackRequestsFor(version).filter((r) => r.status === 200)).toHaveLength(1);
    expect(statuspage.incidents.length - incidentsBefore).toBe(1);
    expect(smtp.messages.slice(mailBefore).filter((m) => m.text.includes(version))).toHaveLength(1);
  });

  it("delivery ticks each channel sub-item by the integration, with the provider's evidence", async () => {
    const { run, item, channels } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    // With a window ahead, the status page's part is the run's scheduled maintenance.
    await setRunWindow({ actor: operator, runId: run.id, ...windowAhead() });
    await sendNotification({ actor: operator, runId: run.id, itemId: item.id });
    const rows = await until("delivery", allDelivered(run.id, 3));

    const mail = await smtp.waitFor((m) => m.text.includes(version));
    expect(mail.to.sort()).toEqual([...ADDRESSES].sort());
    expect(mail.subject).toBe(`Run #${run.number}: ${run.title}`);
    const incident = statuspage.incidents.find((i) => i.body.includes(version))!;
    // The commencement notice moves the run's maintenance to in progress, in its own words.
    expect(incident).toMatchObject({
      name: `Maintenance: #${run.number} ${run.title}`,
      status: "in_progress",
      scheduled_for: expect.any(String),
    });

    const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r]));
    expect(byChannel.email!.providerResponse).toMatchObject({ messageId: expect.stringMatching(/^<.+>$/) });
    expect(byChannel.slack!.providerResponse).toEqual({ status: 200, body: "ok", targetScope: "workspace" });
    expect(byChannel.statuspage!.providerResponse).toMatchObject({
      incidentId: incident.id,
      action: "maintenance-updated",
    });

    const items = await db().runItem.findMany({ where: { id: { in: channels.map((c) => c.id) } } });
    for (const sub of items) {
      const row = rows.find((r) => r.itemId === sub.id)!;
      expect(sub.state).toBe("done");
      expect(sub.doneById).toBe(operator.id);
      expect(sub.doneAt?.getTime()).toBe(row.deliveredAt?.getTime());
      expect(sub.elapsedMs).toBe(row.deliveredAt!.getTime() - row.createdAt.getTime());
      expect(sub.note).toMatch(/^Delivered by the integration: /);
    }
    const note = (channel: string) => items.find((i) => i.id === byChannel[channel]!.itemId)!.note;
    expect(note("email")).toContain((byChannel.email!.providerResponse as { messageId: string }).messageId);
    expect(note("slack")).toContain('Slack answered 200 "ok"');
    expect(note("statuspage")).toContain(
      `Statuspage incident ${incident.id} (the run's scheduled maintenance) updated (in_progress)`,
    );
    const delivered = await eventsOf(run.id, "notification.delivered");
    expect(delivered.map((e) => e.itemId).sort()).toEqual(channels.map((c) => c.id).sort());
    expect(delivered.every((e) => e.actorId === operator.id)).toBe(true);
  });

  it("with Slack down (500) for a while, delivers exactly once after it recovers", async () => {
    const { run, item } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    slack.failAll({ status: 500, body: "internal_error" });
    try {
      await sendNotification({ actor: operator, runId: run.id, itemId: item.id, channels: ["slack"] });
      // Between attempts the row waits as "queued" with the last answer, for the next retry.
      const [row] = await until("two failed attempts", async () => {
        const rows = await rowsOf(run.id);
        return slackRequestsFor(version).length >= 2 && rows[0]?.status === "queued" && rows;
      });
      expect(row).toMatchObject({ status: "queued", lastError: "Slack answered 500: internal_error" });
    } finally {
      slack.recover();
    }
    const [row] = await until("delivery", allDelivered(run.id, 1));
    // Long enough for any stray retry to have shown up.
    await new Promise((r) => setTimeout(r, 2500));
    expect(slackRequestsFor(version).filter((r) => r.status === 200)).toHaveLength(1);
    expect(slackRequestsFor(version).filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(2);
    expect(row!.attempts).toBe(slackRequestsFor(version).length);
  });

  it("after 429, does not try again before Retry-After", async () => {
    const { run, item } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    slack.failNext({ status: 429, body: "rate_limited", retryAfter: "3" });
    await sendNotification({ actor: operator, runId: run.id, itemId: item.id, channels: ["slack"] });
    await until("delivery", allDelivered(run.id, 1));
    const [first, second, ...rest] = slackRequestsFor(version);
    expect(first!.status).toBe(429);
    expect(second!.status).toBe(200);
    expect(rest).toEqual([]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(3000);
  });

  it("a provider that hangs is timed out and tried again", async () => {
    const { run, item } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    slack.failNext("hang");
    await sendNotification({ actor: operator, runId: run.id, itemId: item.id, channels: ["slack"] });
    await until("delivery", allDelivered(run.id, 1));
    expect(slackRequestsFor(version).map((r) => r.status)).toEqual(["hung", 200]);
  });

  it("a permanent failure shows as failed with the error, and Retry delivers the same row", async () => {
    const { run, item, channels } = await announcement();
    const version = (run.fields as Record<string, string>).changesetVersion!;
    slack.failAll({ status: 404, body: "no_service" });
    let failedId: string;
    try {
      await sendNotification({ actor: operator, runId: run.id, itemId: item.id, channels: ["slack"] });
      const [failed] = await until("failure", async () => {
        const rows = await rowsOf(run.id);
        return rows[0]?.status === "failed" && rows;
      });
      failedId = failed!.id;
      expect(failed).toMatchObject({
        status: "failed",
        lastError: "Slack answered 404: no_service",
        attempts: 1,
      });
      const [event] = await eventsOf(run.id, "notification.failed");
      expect(event?.payload).toMatchObject({
        notificationId: failed!.id,
        error: "Slack answered 404: no_service",
      });
      const sub = await db().runItem.findUniqueOrThrow({ where: { id: failed!.itemId } });
      expect(sub.state).toBe("open");
    } finally {
      slack.recover();
    }
    const again = await retryNotification({ actor: operator, runId: run.id, notificationId: failedId });
    // The worker in this process may already have picked it up: anything but failed.
    expect(["queued", "sending", "delivered"]).toContain(again.status);
    const [row] = await until("delivery", allDelivered(run.id, 1));
    expect(row!.id).toBe(failedId);
    expect(row!.attempts).toBe(2);
    expect(slackRequestsFor(version).map((r) => r.status)).toEqual([404, 200]);
    const slackItem = channels.find((c) => c.id === row!.itemId)!;
    expect((await db().runItem.findUniqueOrThrow({ where: { id: slackItem.id } })).state).toBe("done");
    await expect(
      retryNotification({ actor: operator, runId: run.id, notificationId: failedId }),
    ).rejects.toThrow(/Only a failed delivery/);
  });
});

describe("preview, permissions and test messages", () => {
  it("previews the exact text per channel and the resolved targets", async () => {
    const { run, item } = await announcement();
    const preview = await previewNotification({ actor: operator, runId: run.id, itemId: item.id });
    const version = (run.fields as Record<string, string>).changesetVersion!;
    expect(preview.missing).toEqual([]);
    const [email, slackPreview, page] = preview.channels;
    expect(email).toMatchObject({
      channel: "email",
      configured: true,
      destination: `To ${ADDRESSES.join(", ")}`,
    });
    expect(email!.composed).toMatchObject({ subject: `Run #${run.number}: ${run.title}` });
    expect(slackPreview!.composed).toMatchObject({
      payload: { text: expect.stringContaining(`Changeset ${version} is commencing`) },
    });
    expect(slackPreview!.destination).toBe("Slack incoming webhook from SLACK_WEBHOOK_ANDROMEDA");
    expect(JSON.stringify(preview)).not.toContain(slack.webhookUrl);
    expect(JSON.stringify(preview)).not.toContain(statuspage.apiKey);
    expect(page!.composed).toMatchObject({
      payload: { incident: { name: `${run.title} (Run #${run.number})`, status: "identified" } },
    });
  });

  it("only operators and admins send; only admins configure and test", async () => {
    const { run, item } = await announcement();
    const auditor = await makeUser("auditor");
    await expect(sendNotification({ actor: auditor, runId: run.id, itemId: item.id })).rejects.toThrow(
      /does not allow/,
    );
    await expect(previewNotification({ actor: null, runId: run.id, itemId: item.id })).rejects.toThrow(
      /Sign in/,
    );
    await expect(
      saveIntegrationTarget({
        actor: operator,
        channel: "slack",
        name: LIST,
        config: { webhookEnv: "SLACK_WEBHOOK_X" },
      }),
    ).rejects.toThrow(/does not allow/);
    await expect(sendTestMessage({ actor: operator, channel: "slack", name: LIST })).rejects.toThrow(
      /does not allow/,
    );
  });

  it("a test message goes through the real adapter and is audited", async () => {
    const before = slack.requests.length;
    const out = await sendTestMessage({ actor: admin, channel: "slack", name: LIST });
    expect(out).toEqual({ ok: true, evidence: 'Slack answered 200 "ok"' });
    expect(slack.requests.length).toBe(before + 1);
    const missing = await sendTestMessage({ actor: admin, channel: "slack", name: "Nowhere" });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining("not configured") });
    const events = await db().auditEvent.findMany({
      where: { stream: "system", action: "integration_target.tested" },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(events.map((e) => (e.payload as { ok: boolean }).ok)).toEqual([false, true]);
  });
});
