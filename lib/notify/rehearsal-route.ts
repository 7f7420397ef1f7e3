import type {
  Channel,
  EmailConfig,
  SlackConfig,
  StatuspageConfig,
  TargetConfig,
} from "@/lib/notify/target-config";

/** Where one announcement to one target goes, decided by the run alone. */
export type Route<C extends TargetConfig = TargetConfig> =
  { to: "production"; config: C } | { to: "test"; config: C } | { to: "capture"; reason: string };

/**
 * The rule that keeps a rehearsal away from production: a production run uses the target
 * as configured; a rehearsal uses the target's test destination, built from the test
 * fields alone so no production address, webhook or page can leak into it, and without
 * one the message is captured (stored and shown, not sent).
 */
export function routeFor(run: { rehearsal: boolean }, channel: Channel, config: TargetConfig): Route {
  if (!run.rehearsal) return { to: "production", config };
  const capture = (what: string) => ({
    to: "capture" as const,
    reason: `Rehearsal: no test ${what} is configured for this target, so the message was captured, not sent.`,
  });
  switch (channel) {
    case "email": {
      const test = (config as EmailConfig).testAddresses ?? [];
      return test.length ? { to: "test", config: { addresses: test } } : capture("addresses");
    }
    case "slack": {
      const test = (config as SlackConfig).testWebhookEnv;
      return test ? { to: "test", config: { webhookEnv: test } } : capture("Slack webhook");
    }
    case "statuspage": {
      const c = config as StatuspageConfig;
      return c.testPageId
        ? { to: "test", config: { pageId: c.testPageId, incidentStatus: c.incidentStatus } }
        : capture("status page");
    }
  }
}
