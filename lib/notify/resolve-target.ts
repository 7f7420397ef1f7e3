import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailConfigured } from "@/lib/notify/mailer";
import { routeFor } from "@/lib/notify/rehearsal-route";
import {
  configSchemas,
  type Channel,
  type EmailConfig,
  type SlackConfig,
  type StatuspageConfig,
} from "@/lib/notify/target-config";

/** `test`: the target's rehearsal destination rather than the production one. */
type Routed = { test?: boolean };

export type ResolvedTarget =
  | ({ ok: true; channel: "email"; name: string; config: EmailConfig } & Routed)
  | ({ ok: true; channel: "slack"; name: string; config: SlackConfig; webhookUrl: string } & Routed)
  | ({
      ok: true;
      channel: "statuspage";
      name: string;
      config: StatuspageConfig;
      apiKey: string;
      baseUrl: string;
    } & Routed)
  /** A rehearsal's message to a target with no test destination: stored and shown, never sent. */
  | { ok: true; channel: "captured"; target: Channel; name: string; reason: string }
  | { ok: false; channel: Channel; name: string; problem: string };

/**
 * A template's channel name → what delivery needs, secrets included. Only server code sees
 * the result; what reaches a browser is `problem` or the non-secret config. The run decides
 * the route (routeFor): a rehearsal never resolves to the production destination.
 */
export async function resolveTarget(
  channel: Channel,
  name: string,
  run: { rehearsal: boolean },
): Promise<ResolvedTarget> {
  const row = await db().integrationTarget.findUnique({ where: { channel_name: { channel, name } } });
  const missing = (problem: string) => ({ ok: false as const, channel, name, problem });
  if (!row) return missing(`“${name}” is not configured: an admin sets it up under Settings → Integrations.`);
  const parsed = configSchemas[channel].safeParse(row.config);
  if (!parsed.success)
    return missing(`“${name}” has an invalid configuration: ${parsed.error.issues[0]?.message ?? "unknown"}`);
  const route = routeFor(run, channel, parsed.data);
  if (route.to === "capture")
    return { ok: true, channel: "captured", target: channel, name, reason: route.reason };
  const test = route.to === "test";
  switch (channel) {
    case "email":
      if (!mailConfigured()) return missing("SMTP_URL is not set: this server sends no email.");
      return { ok: true, channel, name, config: route.config as EmailConfig, test };
    case "slack": {
      const config = route.config as SlackConfig;
      const webhookUrl = process.env[config.webhookEnv];
      if (!webhookUrl)
        return missing(`The environment variable ${config.webhookEnv} is not set on the server.`);
      if (!/^https?:\/\//.test(webhookUrl))
        return missing(`The environment variable ${config.webhookEnv} is not an http(s) URL.`);
      return { ok: true, channel, name, config, webhookUrl, test };
    }
    case "statuspage": {
      const apiKey = env().STATUSPAGE_API_KEY;
      if (!apiKey) return missing("STATUSPAGE_API_KEY is not set on the server.");
      const config = route.config as StatuspageConfig;
      return {
        ok: true,
        channel,
        name,
        config,
        apiKey,
        baseUrl: env().STATUSPAGE_API_URL.replace(/\/+$/, ""),
        test,
      };
    }
  }
}
