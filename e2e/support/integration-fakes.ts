/**
 * Slack and Statuspage for the end-to-end run: fakes on free loopback ports, the app's
 * environment pointed at them, and the seed's announcement targets configured to use them.
 * The email list and Slack channel also name a rehearsal test destination (a test address, a
 * second Slack fake); the status page names none, so a rehearsal's post to it is captured.
 * The payments team's own Slack target posts to a third Slack fake.
 * A loopback endpoint (GET /requests) tells the specs, in another process, what each fake got.
 */
import { createServer } from "node:http";
import { db } from "@/lib/db";
import { startSlackFake } from "../../test/fakes/slack-webhook";
import { startStatuspageFake } from "../../test/fakes/statuspage";
import { E2E_INTEGRATIONS_PORT } from "./ports";
import type { IntegrationRequests } from "./integration-requests";

export const E2E_LIST = "Andromeda PreProduction Watch";
export const E2E_STATUS_PAGE = "status.andromeda.abccorp.com";
export const E2E_WATCH_ADDRESSES = ["watch@andromeda.example.test"];
export const E2E_REHEARSAL_ADDRESSES = ["rehearsal@andromeda.example.test"];
/** The demo payments team's own Slack target (prisma/demo-teams.ts); the workspace has one of that name too. */
export const E2E_PAYMENTS_CHANNEL = "Payments Release Watch";

/** Call after the seed and before `next start`: the app reads these variables when it starts. */
export async function startIntegrationFakes(): Promise<{ close: () => Promise<void> }> {
  const slack = await startSlackFake();
  const rehearsalSlack = await startSlackFake();
  const statuspage = await startStatuspageFake();
  const paymentsSlack = await startSlackFake();
  Object.assign(process.env, {
    SLACK_WEBHOOK_PAYMENTS: paymentsSlack.webhookUrl,
    SLACK_WEBHOOK_ANDROMEDA: slack.webhookUrl,
    SLACK_WEBHOOK_ANDROMEDA_REHEARSAL: rehearsalSlack.webhookUrl,
    STATUSPAGE_API_URL: statuspage.baseUrl,
    STATUSPAGE_API_KEY: statuspage.apiKey,
  });
  const targets = [
    {
      channel: "email",
      name: E2E_LIST,
      config: { addresses: E2E_WATCH_ADDRESSES, testAddresses: E2E_REHEARSAL_ADDRESSES },
    },
    {
      channel: "slack",
      name: E2E_LIST,
      config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA", testWebhookEnv: "SLACK_WEBHOOK_ANDROMEDA_REHEARSAL" },
    },
    // The workspace default of the payments team's channel name: the team's own target wins for its runs.
    { channel: "slack", name: E2E_PAYMENTS_CHANNEL, config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA" } },
    {
      channel: "statuspage",
      name: E2E_STATUS_PAGE,
      config: { pageId: statuspage.pageId, incidentStatus: "identified" },
    },
  ];
  for (const t of targets) {
    await db().integrationTarget.upsert({
      where: { channel_name: { channel: t.channel, name: t.name } },
      create: t,
      update: { config: t.config },
    });
  }
  const inspect = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/requests") return void res.writeHead(404).end();
    const seen: IntegrationRequests = {
      slack: slack.requests.map((r) => ({ path: r.path, body: r.body })),
      rehearsalSlack: rehearsalSlack.requests.map((r) => ({ path: r.path, body: r.body })),
      paymentsSlack: paymentsSlack.requests.map((r) => ({ path: r.path, body: r.body })),
      statuspage: statuspage.requests.map((r) => ({ method: r.method, path: r.path, body: r.body })),
    };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve, reject) => {
    inspect.once("error", reject);
    inspect.listen(E2E_INTEGRATIONS_PORT, "127.0.0.1", () => resolve());
  });
  return {
    close: async () => {
      await new Promise((resolve) => inspect.close(resolve));
      await Promise.all([slack.close(), rehearsalSlack.close(), paymentsSlack.close(), statuspage.close()]);
    },
  };
}
