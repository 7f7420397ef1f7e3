import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopJobQueue } from "@/lib/jobs/queue";
import { startWorkers } from "@/lib/jobs/worker";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { sendNotification } from "@/lib/notify/send-notification";
import { tickItem } from "@/lib/runs/tick-item";
import { makeUser } from "@/test/fixtures";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";

const LIST = "Andromeda PreProduction Watch";

/** A Slack webhook that accepts the connection and the request, and never answers. */
let stalled: http.Server;
let received = 0;
const saved = {
  hook: process.env.SLACK_WEBHOOK_STALLED,
  timeout: process.env.INTEGRATION_HTTP_TIMEOUT_MS,
};

// The environment is read once per process, so the webhook is up before anything asks.
beforeAll(async () => {
  stalled = http.createServer(() => {
    received++;
  });
  await new Promise<void>((r) => stalled.listen(0, "127.0.0.1", r));
  const { port } = stalled.address() as AddressInfo;
  process.env.SLACK_WEBHOOK_STALLED = `http://127.0.0.1:${port}/services/T0/B0/stalled`;
  // Longer than the test: the delivery must still be hanging while the ticks are measured.
  process.env.INTEGRATION_HTTP_TIMEOUT_MS = "60000";
});

afterAll(async () => {
  stalled.closeAllConnections();
  await new Promise((r) => stalled.close(r));
  await stopJobQueue();
  for (const [k, v] of [
    ["SLACK_WEBHOOK_STALLED", saved.hook],
    ["INTEGRATION_HTTP_TIMEOUT_MS", saved.timeout],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}, 30_000);

describe("a notification provider that never answers", () => {
  it("does not slow ticking down", async () => {
    const admin = await makeUser("admin");
    const operator = await makeUser("operator");
    await saveIntegrationTarget({
      actor: admin,
      channel: "slack",
      name: LIST,
      config: { webhookEnv: "SLACK_WEBHOOK_STALLED" },
    });
    // One phase: an announcement and fourteen tasks, all open at once.
    const markdown = [
      "# Stalled notifier",
      "",
      "### Work",
      "* [ ] Post the notice <!-- runsheet: kind=notify -->",
      '  "The change is starting"',
      `  * [ ] Slack channel "${LIST}"`,
      ...Array.from({ length: 14 }, (_, n) => `* [ ] Task ${n + 1}`),
      "",
    ].join("\n");
    const { slug } = await importTemplate({ actor: "system", markdown, name: "Stalled notifier" });
    const run = await createRun({ actor: operator, templateSlug: slug, fields: {} });
    const notify = await db().runItem.findFirstOrThrow({
      where: { runId: run.id, kind: "notify" },
      orderBy: { position: "asc" },
    });
    const items = (
      await db().runItem.findMany({
        where: { runId: run.id, kind: { in: ["task", "stopwatch"] }, state: "open" },
        orderBy: { position: "asc" },
      })
    )
      .filter((i) => i.parentId !== notify.id)
      .slice(0, 14);
    expect(items).toHaveLength(14);
    const tickTimes = async (batch: typeof items) => {
      const times: number[] = [];
      for (const i of batch) {
        const t0 = performance.now();
        await tickItem({ actor: operator, runId: run.id, itemId: i.id, version: i.version, done: true });
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };

    const before = await tickTimes(items.slice(0, 7));

    await startWorkers();
    await sendNotification({ actor: operator, runId: run.id, itemId: notify.id, channels: ["slack"] });
    const deadline = Date.now() + 15_000;
    while (received === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received).toBe(1);

    const during = await tickTimes(items.slice(7));
    // The delivery was still hanging the whole time the ticks were made.
    const row = await db().notification.findFirstOrThrow({ where: { runId: run.id, channel: "slack" } });
    expect(row.status).toBe("sending");

    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
    expect(median(during)).toBeLessThan(Math.max(100, 3 * median(before)));
    expect(Math.max(...during)).toBeLessThan(2_000);
  }, 60_000);
});
