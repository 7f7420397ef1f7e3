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

/**
 * Whose target it is: the run's team's own, or the workspace default (decision 0015).
 * Shown wherever the product says where a message goes.
 */
export type TargetScope = "team" | "workspace";

/** `test`: the target's rehearsal destination rather than the production one. */
type Routed = { test?: boolean; scope: TargetScope };

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
  | { ok: true; channel: "captured"; target: Channel; name: string; reason: string; scope: TargetScope }
  | { ok: false; channel: Channel; name: string; problem: string; scope?: TargetScope };

/**
 * A template's channel name → what delivery needs, secrets included. Only server code sees
 * the result; what reaches a browser is `problem` or the non-secret config. The run decides
 * the route (routeFor): a rehearsal never resolves to the production destination. The run
 * also decides whose target it is: its team's own of that channel and name first, else the
 * workspace's; the team is always the run's, never one a request names.
 */
export async function resolveTarget(
  channel: Channel,
  name: string,
  run: { rehearsal: boolean; teamId?: string },
): Promise<ResolvedTarget> {
  const { row, scope } = await targetRow(channel, name, run.teamId);
  const missing = (problem: string) => ({ ok: false as const, channel, name, problem, scope });
  if (!row) return missing(`“${name}” is not configured: an admin sets it up under Settings → Integrations.`);
  const parsed = configSchemas[channel].safeParse(row.config);
  if (!parsed.success)
    return missing(`“${name}” has an invalid configuration: ${parsed.error.issues[0]?.message ?? "unknown"}`);
  const route = routeFor(run, channel, parsed.data);
  if (route.to === "capture")
    return { ok: true, channel: "captured", target: channel, name, reason: route.reason, scope };
  const test = route.to === "test";
  switch (channel) {
    case "email":
      if (!mailConfigured()) return missing("SMTP_URL is not set: this server sends no email.");
      return { ok: true, channel, name, config: route.config as EmailConfig, test, scope };
    case "slack": {
      const config = route.config as SlackConfig;
      const webhookUrl = process.env[config.webhookEnv];
      if (!webhookUrl)
        return missing(`The environment variable ${config.webhookEnv} is not set on the server.`);
      if (!/^https?:\/\//.test(webhookUrl))
        return missing(`The environment variable ${config.webhookEnv} is not an http(s) URL.`);
      return { ok: true, channel, name, config, webhookUrl, test, scope };
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
        scope,
      };
    }
  }
}

/** The team's own row of that channel and name, else the workspace's. */
async function targetRow(channel: Channel, name: string, teamId: string | undefined) {
  const own = teamId
    ? await db().teamIntegrationTarget.findUnique({
        where: { teamId_channel_name: { teamId, channel, name } },
      })
    : null;
  if (own) return { row: own, scope: "team" as const };
  const row = await db().integrationTarget.findUnique({ where: { channel_name: { channel, name } } });
  return { row, scope: "workspace" as const };
}
