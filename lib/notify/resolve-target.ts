import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailConfigured } from "@/lib/notify/mailer";
import {
  configSchemas,
  type Channel,
  type EmailConfig,
  type SlackConfig,
  type StatuspageConfig,
} from "@/lib/notify/target-config";

export type ResolvedTarget =
  | { ok: true; channel: "email"; name: string; config: EmailConfig }
  | { ok: true; channel: "slack"; name: string; config: SlackConfig; webhookUrl: string }
  | {
      ok: true;
      channel: "statuspage";
      name: string;
      config: StatuspageConfig;
      apiKey: string;
      baseUrl: string;
    }
  | { ok: false; channel: Channel; name: string; problem: string };

/**
 * A template's channel name → what delivery needs, secrets included. Only server code sees
 * the result; what reaches a browser is `problem` or the non-secret config.
 */
export async function resolveTarget(channel: Channel, name: string): Promise<ResolvedTarget> {
  const row = await db().integrationTarget.findUnique({ where: { channel_name: { channel, name } } });
  const missing = (problem: string) => ({ ok: false as const, channel, name, problem });
  if (!row) return missing(`“${name}” is not configured: an admin sets it up under Settings → Integrations.`);
  const parsed = configSchemas[channel].safeParse(row.config);
  if (!parsed.success)
    return missing(`“${name}” has an invalid configuration: ${parsed.error.issues[0]?.message ?? "unknown"}`);
  switch (channel) {
    case "email":
      if (!mailConfigured()) return missing("SMTP_URL is not set: this server sends no email.");
      return { ok: true, channel, name, config: parsed.data as EmailConfig };
    case "slack": {
      const config = parsed.data as SlackConfig;
      const webhookUrl = process.env[config.webhookEnv];
      if (!webhookUrl)
        return missing(`The environment variable ${config.webhookEnv} is not set on the server.`);
      if (!/^https?:\/\//.test(webhookUrl))
        return missing(`The environment variable ${config.webhookEnv} is not an http(s) URL.`);
      return { ok: true, channel, name, config, webhookUrl };
    }
    case "statuspage": {
      const apiKey = env().STATUSPAGE_API_KEY;
      if (!apiKey) return missing("STATUSPAGE_API_KEY is not set on the server.");
      const config = parsed.data as StatuspageConfig;
      return {
        ok: true,
        channel,
        name,
        config,
        apiKey,
        baseUrl: env().STATUSPAGE_API_URL.replace(/\/+$/, ""),
      };
    }
  }
}
