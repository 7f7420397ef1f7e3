import { z } from "zod";
import type { ChannelDef } from "@/lib/templates/definition";

export type Channel = ChannelDef["type"];

/** Environment variables that may carry a Slack webhook URL; the name is all the database keeps. */
export const WEBHOOK_ENV_PATTERN = /^SLACK_WEBHOOK_[A-Z0-9_]+$/;

const webhookEnv = z
  .string()
  .regex(WEBHOOK_ENV_PATTERN, "Name an environment variable that starts with SLACK_WEBHOOK_.");
const pageId = z.string().regex(/^[A-Za-z0-9]{4,40}$/, "A Statuspage page id is letters and digits.");

// Each target may name a test destination of its own for rehearsals (lib/notify/rehearsal-route.ts).
export const emailConfigSchema = z.object({
  addresses: z.array(z.email()).min(1, "Give at least one address.").max(200),
  testAddresses: z.array(z.email()).max(200).optional(),
});
export const slackConfigSchema = z.object({
  webhookEnv,
  testWebhookEnv: webhookEnv.optional(),
});
export const statuspageConfigSchema = z.object({
  pageId,
  /** The incident status an announcement opens with, until the run has a result. */
  incidentStatus: z.enum(["investigating", "identified", "monitoring"]).default("identified"),
  testPageId: pageId.optional(),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type SlackConfig = z.infer<typeof slackConfigSchema>;
export type StatuspageConfig = z.infer<typeof statuspageConfigSchema>;
export type TargetConfig = EmailConfig | SlackConfig | StatuspageConfig;

export const configSchemas = {
  email: emailConfigSchema,
  slack: slackConfigSchema,
  statuspage: statuspageConfigSchema,
} as const;
