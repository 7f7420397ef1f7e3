import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { sendNotification } from "@/lib/notify/send-notification";
import { sendTestMessage } from "@/lib/notify/send-test-message";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import type { SlackFake } from "@/test/fakes/slack-webhook";
import type { StatuspageFake } from "@/test/fakes/statuspage";
import { LIST, PAGE, startNotifyHarness, until, type NotifyHarness } from "@/test/notify-harness";

/** Deliveries against strict provider fakes: one incident per run, rate limits, lost answers, partial mail. */

let slack: SlackFake;
let statuspage: StatuspageFake;
let admin: Actor;
let operator: Actor;
let harness: NotifyHarness | undefined;

beforeAll(async () => {
  harness = await startNotifyHarness({
    addresses: ["watch@andromeda.example.test", "gone@refused.test"],
    httpTimeoutMs: 1000,
  });
  ({ slack, statuspage, admin, operator } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

/**
 * Two announcements of one run, both open at once: delivery is what these tests are about,
 * so the run is a one-phase checklist rather than the promotion with its gates.
 */
const ANNOUNCEMENTS = `### Announcements
1. * [ ] Post the commencement notice <!-- runsheet: kind=notify -->
   "The changeset is commencing to the Production environment."
   1. * [ ] Email List "${LIST}"
   2. * [ ] Slack channel "${LIST}"
   3. * [ ] Status at "${PAGE}"
2. * [ ] Post the completion notice <!-- runsheet: kind=notify -->
   "The changeset was deployed to the Production environment."
   1. * [ ] Email List "${LIST}"
   2. * [ ] Slack channel "${LIST}"
   3. * [ ] Status at "${PAGE}"
`;

async function run() {
  const template = await importTemplate({
    actor: "system",
    markdown: ANNOUNCEMENTS,
    name: "Delivery announcements",
  });
  const r = await createRun({
    actor: operator,
    templateSlug: template.slug,
    fields: {},
  });
  const all = await db().runItem.findMany({
    where: { runId: r.id, kind: "notify" },
    orderBy: { position: "asc" },
  });
  const items = all.filter((i) => (i.spec as { message?: string }).message);
  expect(items).toHaveLength(2);
  return { run: r, items };
}

const delivered = (runId: string, channel: string, n = 1) =>
  until(`${n} ${channel} deliveries`, async () => {
    const rows = await db().notification.findMany({
      where: { runId, channel },
      orderBy: { createdAt: "asc" },
    });
    return rows.length >= n && rows.every((r) => r.status === "delivered") && rows;
  });

describe("Statuspage: one incident per run", () => {
  it("the first announcement opens the incident, later ones update it with PATCH", async () => {
    const { run: r, items } = await run();
    const before = statuspage.incidents.length;
    await sendNotification({ actor: operator, runId: r.id, itemId: items[0]!.id, channels: ["statuspage"] });
    await delivered(r.id, "statuspage", 1);
    await sendNotification({ actor: operator, runId: r.id, itemId: items[1]!.id, channels: ["statuspage"] });
    const rows = await delivered(r.id, "statuspage", 2);
    expect(statuspage.incidents.length - before).toBe(1);
    const incident = statuspage.incidents.at(-1)!;
    expect(rows.map((x) => x.providerResponse)).toEqual([
      expect.objectContaining({ incidentId: incident.id, action: "opened" }),
      expect.objectContaining({ incidentId: incident.id, action: "updated", status: 200 }),
    ]);
    expect(incident.updates).toHaveLength(2);
    expect(
      statuspage.requests.filter((q) => q.method === "PATCH" && q.path.endsWith(`/incidents/${incident.id}`)),
    ).toHaveLength(1);
  });

  it("HTTP 420 (Statuspage's rate limit) is waited out like 429, not a failure", async () => {
    const { run: r, items } = await run();
    statuspage.failNext({ status: 420, body: "Enhance your calm", retryAfter: "2" });
    const sent = Date.now();
    await sendNotification({ actor: operator, runId: r.id, itemId: items[0]!.id, channels: ["statuspage"] });
    const [row] = await delivered(r.id, "statuspage", 1);
    expect(row!.attempts).toBe(2);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(2_000);
  });

  it("after a POST that opened the incident but lost its answer, the retry finds it instead of opening another", async () => {
    const { run: r, items } = await run();
    const before = statuspage.incidents.length;
    statuspage.failNext("act-then-hang");
    await sendNotification({ actor: operator, runId: r.id, itemId: items[0]!.id, channels: ["statuspage"] });
    const [row] = await delivered(r.id, "statuspage", 1);
    expect(statuspage.incidents.length - before).toBe(1);
    expect(row!.providerResponse).toMatchObject({
      incidentId: statuspage.incidents.at(-1)!.id,
      foundAfterLostAnswer: true,
    });
    expect(statuspage.requests.some((q) => q.path.endsWith("/incidents/unresolved"))).toBe(true);
  });

  it("the settings page's test reads the page and posts nothing", async () => {
    const posts = statuspage.requests.filter((q) => q.method === "POST").length;
    const out = await sendTestMessage({ actor: admin, channel: "statuspage", name: PAGE });
    expect(out).toEqual({ ok: true, evidence: expect.stringContaining(`Andromeda Status`) });
    expect(statuspage.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/v1/pages/${statuspage.pageId}`,
    });
    expect(statuspage.requests.filter((q) => q.method === "POST").length).toBe(posts);
  });
});

describe("deliveries that may have happened, and partial ones", () => {
  it("a Slack message whose answer was lost is retried and its evidence says at least once", async () => {
    const { run: r, items } = await run();
    slack.failNext("act-then-hang");
    await sendNotification({ actor: operator, runId: r.id, itemId: items[0]!.id, channels: ["slack"] });
    const [row] = await delivered(r.id, "slack", 1);
    expect(row!.providerResponse).toMatchObject({ deliveredAtLeastOnce: true });
    const item = await db().runItem.findUniqueOrThrow({ where: { id: row!.itemId } });
    expect(item.note).toMatch(/at least once/);
  });

  it("a recipient the mail server refuses is named with its reason, and the item is not ticked as delivered", async () => {
    const { run: r, items } = await run();
    await sendNotification({ actor: operator, runId: r.id, itemId: items[0]!.id, channels: ["email"] });
    const [row] = await delivered(r.id, "email", 1);
    expect(row!.providerResponse).toMatchObject({
      refused: [{ address: "gone@refused.test", reason: expect.stringMatching(/^550/) }],
    });
    expect((await db().runItem.findUniqueOrThrow({ where: { id: row!.itemId } })).state).toBe("open");
    const event = await db().auditEvent.findFirstOrThrow({
      where: { runId: r.id, action: "notification.delivered" },
    });
    expect(event.payload).toMatchObject({ ticked: false, partial: true });
  });
});
