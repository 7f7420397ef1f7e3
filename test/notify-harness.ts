import type { Actor } from "@/lib/auth/permissions";
import { startWorkers } from "@/lib/jobs/worker";
import { stopJobQueue } from "@/lib/jobs/queue";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { makeUser } from "@/test/fixtures";
import { startSmtpCapture, type SmtpCapture } from "@/test/smtp-capture";
import { startSlackFake, type SlackFake } from "@/test/fakes/slack-webhook";
import { startStatuspageFake, type StatuspageFake } from "@/test/fakes/statuspage";

/** The seed's announcement targets: an e-mail list and Slack channel of one name, and the status page. */
export const LIST = "Andromeda PreProduction Watch";
export const PAGE = "status.andromeda.abccorp.com";

const ENV_KEYS = [
  "SMTP_URL",
  "SLACK_WEBHOOK_ANDROMEDA",
  "STATUSPAGE_API_URL",
  "STATUSPAGE_API_KEY",
  "NOTIFY_RETRY_LIMIT",
  "NOTIFY_RETRY_DELAY_SECONDS",
  "INTEGRATION_HTTP_TIMEOUT_MS",
] as const;

export type NotifyHarness = {
  smtp: SmtpCapture;
  slack: SlackFake;
  statuspage: StatuspageFake;
  admin: Actor;
  operator: Actor;
  /** Stops the job workers and the fakes and puts the environment back. */
  stop: () => Promise<void>;
};

/**
 * Local SMTP, Slack and Statuspage servers, the seed's targets pointing at them, and the job
 * workers running. The environment is read once per process: every fake is up before
 * anything asks for it.
 */
export async function startNotifyHarness(opts: { addresses: string[]; httpTimeoutMs: number }) {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  const [smtp, slack, statuspage] = await Promise.all([
    startSmtpCapture(),
    startSlackFake(),
    startStatuspageFake(),
  ]);
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    SLACK_WEBHOOK_ANDROMEDA: slack.webhookUrl,
    STATUSPAGE_API_URL: statuspage.baseUrl,
    STATUSPAGE_API_KEY: statuspage.apiKey,
    // Short enough for a test to watch several retries; the backoff still doubles.
    NOTIFY_RETRY_LIMIT: "4",
    NOTIFY_RETRY_DELAY_SECONDS: "1",
    INTEGRATION_HTTP_TIMEOUT_MS: String(opts.httpTimeoutMs),
  });
  const admin = await makeUser("admin");
  const operator = await makeUser("operator");
  const targets = [
    { channel: "email", name: LIST, config: { addresses: opts.addresses } },
    { channel: "slack", name: LIST, config: { webhookEnv: "SLACK_WEBHOOK_ANDROMEDA" } },
    { channel: "statuspage", name: PAGE, config: { pageId: statuspage.pageId } },
  ] as const;
  for (const t of targets) await saveIntegrationTarget({ actor: admin, ...t });
  await startWorkers();
  const stop = async () => {
    await stopJobQueue();
    await Promise.all([smtp.close(), slack.close(), statuspage.close()]);
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
  return { smtp, slack, statuspage, admin, operator, stop } satisfies NotifyHarness;
}

/** Waits, a tenth of a second at a time, for `fn` to give something. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
