import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { sendNotification } from "@/lib/notify/send-notification";
import { previewNotification } from "@/lib/notify/preview-notification";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { syncRunMaintenance } from "@/lib/maintenance/sync-maintenance";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { makeSeedRun } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import { startSlackFake, type SlackFake } from "@/test/fakes/slack-webhook";
import { LIST, startNotifyHarness, until, type NotifyHarness } from "@/test/notify-harness";

const PRODUCTION = ["watch@andromeda.example.test"];
const TEST_ADDRESS = "rehearsal@andromeda.example.test";

let harness: NotifyHarness;
let admin: Actor;
let operator: Actor;
let testSlack: SlackFake;

beforeAll(async () => {
  harness = await startNotifyHarness({ addresses: PRODUCTION, httpTimeoutMs: 1500 });
  ({ admin, operator } = harness);
  testSlack = await startSlackFake();
  process.env.SLACK_WEBHOOK_ANDROMEDA_REHEARSAL = testSlack.webhookUrl;
});

afterAll(async () => {
  delete process.env.SLACK_WEBHOOK_ANDROMEDA_REHEARSAL;
  await testSlack?.close();
  await harness?.stop();
});

/** A seed rehearsal at its commencement announcement. */
async function rehearsalAnnouncement() {
  const version = `5.${Math.floor(Math.random() * 1e6)}`;
  const run = await makeSeedRun(operator, { changesetVersion: version }, { rehearsal: true });
  await completeUpTo(operator, run.id, "phase-2-prechange-commencement-notice");
  const item = await db().runItem.findFirstOrThrow({
    where: { runId: run.id, kind: "notify" },
    orderBy: { position: "asc" },
  });
  return { run, item, version };
}

/** Everything the production targets received that mentions `text`. */
function productionSaw(text: string) {
  return {
    mail: harness.smtp.messages.filter(
      (m) => m.text.includes(text) && m.to.some((to) => PRODUCTION.includes(to)),
    ),
    slack: harness.slack.requests.filter((r) => r.body.includes(text)),
    statuspage: harness.statuspage.requests.filter((r) => r.body.includes(text)),
  };
}

describe("a rehearsal's announcements", () => {
  it("are captured, not sent, when no target has a test destination: production receives nothing", async () => {
    const { run, item, version } = await rehearsalAnnouncement();
    const statuspageCalls = harness.statuspage.requests.length;
    const preview = await previewNotification({ actor: operator, runId: run.id, itemId: item.id });
    expect(preview.channels.map((c) => c.destination)).toEqual(
      Array(3).fill(expect.stringMatching(/^Rehearsal: no test .* will be captured, not sent\.$/)),
    );
    await sendNotification({ actor: operator, runId: run.id, itemId: item.id });
    const rows = await until("captured", async () => {
      const r = await db().notification.findMany({ where: { runId: run.id } });
      return r.length === 3 && r.every((n) => n.status === "delivered") && r;
    });
    for (const r of rows) expect(r.providerResponse).toMatchObject({ captured: true, rehearsal: true });
    const ticked = await db().runItem.findMany({ where: { id: { in: rows.map((r) => r.itemId) } } });
    for (const i of ticked) {
      expect(i.state).toBe("done");
      expect(i.note).toMatch(/^Captured, not sent: /);
    }
    expect(productionSaw(version)).toEqual({ mail: [], slack: [], statuspage: [] });
    expect(harness.statuspage.requests.length).toBe(statuspageCalls);
  });

  it("go to each target's test destination when one is configured, and never to production", async () => {
    await saveIntegrationTarget({
      actor: admin,
      channel: "email",
      name: LIST,
      config: { addresses: PRODUCTION, testAddresses: [TEST_ADDRESS] },
    });
    await saveIntegrationTarget({
      actor: admin,
      channel: "slack",
      name: LIST,
      config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA", testWebhookEnv: "SLACK_WEBHOOK_ANDROMEDA_REHEARSAL" },
    });
    try {
      const { run, item, version } = await rehearsalAnnouncement();
      await sendNotification({ actor: operator, runId: run.id, itemId: item.id });
      await until("delivered", async () => {
        const r = await db().notification.findMany({ where: { runId: run.id } });
        return r.length === 3 && r.every((n) => n.status === "delivered") && r;
      });
      const mail = harness.smtp.messages.filter((m) => m.text.includes(version));
      expect(mail.map((m) => m.to)).toEqual([[TEST_ADDRESS]]);
      expect(mail[0]!.subject).toMatch(/Rehearsal: Promote Changeset/);
      expect(testSlack.posted().filter((t) => t.includes(version))).toHaveLength(1);
      const email = await db().notification.findFirstOrThrow({ where: { runId: run.id, channel: "email" } });
      expect(email.providerResponse).toMatchObject({ testDestination: true });
      expect(productionSaw(version)).toEqual({ mail: [], slack: [], statuspage: [] });
    } finally {
      await saveIntegrationTarget({
        actor: admin,
        channel: "email",
        name: LIST,
        config: { addresses: PRODUCTION },
      });
      await saveIntegrationTarget({
        actor: admin,
        channel: "slack",
        name: LIST,
        config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA" },
      });
    }
  });

  it("schedules no maintenance on the production status page", async () => {
    const { run } = await rehearsalAnnouncement();
    const before = harness.statuspage.requests.length;
    await setRunWindow({
      actor: operator,
      runId: run.id,
      start: new Date(Date.now() + 86_400_000).toISOString(),
      timeZone: "UTC",
    });
    const sync = await syncRunMaintenance(run.id);
    expect(sync).toMatchObject({ state: "none", reason: expect.stringMatching(/rehearsal/i) });
    expect(harness.statuspage.requests.length).toBe(before);
    expect(await db().runMaintenance.findUnique({ where: { runId: run.id } })).toBeNull();
  });
});
