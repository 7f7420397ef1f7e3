/**
 * Slack and Statuspage for the end-to-end run: fakes on free loopback ports, the app's
 * environment pointed at them, and the seed's announcement targets configured to use them.
 */
import { db } from "@/lib/db";
import { startSlackFake } from "../../test/fakes/slack-webhook";
import { startStatuspageFake } from "../../test/fakes/statuspage";

export const E2E_LIST = "Andromeda PreProduction Watch";
export const E2E_STATUS_PAGE = "status.andromeda.abccorp.com";
export const E2E_WATCH_ADDRESSES = ["watch@andromeda.example.test"];

/** Call after the seed and before `next start`: the app reads these variables when it starts. */
export async function startIntegrationFakes(): Promise<{ close: () => Promise<void> }> {
  const slack = await startSlackFake();
  const statuspage = await startStatuspageFake();
  Object.assign(process.env, {
    SLACK_WEBHOOK_ANDROMEDA: slack.webhookUrl,
    STATUSPAGE_API_URL: statuspage.baseUrl,
    STATUSPAGE_API_KEY: statuspage.apiKey,
  });
  const targets = [
    { channel: "email", name: E2E_LIST, config: { addresses: E2E_WATCH_ADDRESSES } },
    { channel: "slack", name: E2E_LIST, config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA" } },
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
  return {
    close: async () => {
      await Promise.all([slack.close(), statuspage.close()]);
    },
  };
}
