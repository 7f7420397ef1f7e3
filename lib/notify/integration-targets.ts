import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { appUrl, env } from "@/lib/env";
import { mailConfigured } from "@/lib/notify/mailer";
import { CHANNEL_TYPES, walkItems, type TemplateDefinition } from "@/lib/templates/definition";
import { configSchemas, type Channel } from "@/lib/notify/target-config";
import { fieldErrorsOf } from "@/lib/validation/parse-input";

export type IntegrationTargetView = {
  channel: Channel;
  name: string;
  /** Templates whose announcements name this target. */
  usedBy: string[];
  /** The saved configuration (no secrets live there), or null when not set up yet. */
  config: Record<string, unknown> | null;
  /** The server-side secrets this target needs: present or not, never their values. */
  secrets: { name: string; present: boolean }[];
  updatedAt: string | null;
  /** Teams whose runs use their own target of this name instead of this workspace default. */
  teamsWithOwn: { slug: string; name: string }[];
};

/** The channel targets the templates (of one team, or all) name, each with the templates that name it. */
export async function targetsNamedByTemplates(where: { teamId?: string } = {}) {
  const versions = await db().templateVersion.findMany({
    where: { template: where },
    select: { definition: true, template: { select: { name: true } } },
  });
  const found = new Map<string, { channel: Channel; name: string; usedBy: Set<string> }>();
  for (const v of versions) {
    for (const { item } of walkItems(v.definition as TemplateDefinition)) {
      if (!item.channel) continue;
      const key = targetKey(item.channel.type, item.channel.target);
      const entry = found.get(key) ?? {
        channel: item.channel.type,
        name: item.channel.target,
        usedBy: new Set(),
      };
      entry.usedBy.add(v.template.name);
      found.set(key, entry);
    }
  }
  return found;
}

export const targetKey = (channel: string, name: string) => `${channel}\u0000${name}`;

export const byChannelThenName = (
  a: { channel: Channel; name: string },
  b: { channel: Channel; name: string },
) => CHANNEL_TYPES.indexOf(a.channel) - CHANNEL_TYPES.indexOf(b.channel) || a.name.localeCompare(b.name);

/**
 * Every channel target the templates name, and any configured one they no longer do: the
 * workspace defaults, each with the teams that have their own target of that name.
 */
export async function listIntegrationTargets({
  actor,
}: {
  actor: Actor | null;
}): Promise<IntegrationTargetView[]> {
  requirePermission(actor, "integrations.admin");
  const found = await targetsNamedByTemplates();
  const [rows, teamRows] = await Promise.all([
    db().integrationTarget.findMany(),
    db().teamIntegrationTarget.findMany({
      select: { channel: true, name: true, team: { select: { slug: true, name: true } } },
    }),
  ]);
  for (const r of [...rows, ...teamRows]) {
    const key = targetKey(r.channel, r.name);
    if (!found.has(key)) found.set(key, { channel: r.channel as Channel, name: r.name, usedBy: new Set() });
  }
  return [...found.values()].sort(byChannelThenName).map((t) => {
    const row = rows.find((r) => r.channel === t.channel && r.name === t.name);
    const config = (row?.config as Record<string, unknown> | undefined) ?? null;
    return {
      channel: t.channel,
      name: t.name,
      usedBy: [...t.usedBy].sort(),
      config,
      secrets: secretsFor(t.channel, config),
      updatedAt: row?.updatedAt.toISOString() ?? null,
      teamsWithOwn: teamRows
        .filter((r) => r.channel === t.channel && r.name === t.name)
        .map((r) => r.team)
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

/** The server-side secrets a target needs: present or not, never their values. */
export function secretsFor(channel: Channel, config: Record<string, unknown> | null) {
  switch (channel) {
    case "email":
      return [{ name: "SMTP_URL", present: mailConfigured() }];
    case "slack": {
      const name = typeof config?.webhookEnv === "string" ? config.webhookEnv : null;
      return name ? [{ name, present: !!process.env[name] }] : [];
    }
    case "statuspage":
      return [{ name: "STATUSPAGE_API_KEY", present: !!env().STATUSPAGE_API_KEY }];
  }
}

/** Saves one target's configuration (addresses, webhook variable name, page id), audited. */
export async function saveIntegrationTarget({
  actor,
  ...input
}: {
  actor: Actor | null;
  channel: Channel;
  name: string;
  config: unknown;
}): Promise<IntegrationTargetView> {
  const who = requirePermission(actor, "integrations.admin");
  const parsed = configSchemas[input.channel].safeParse(input.config);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues[0]?.message ?? "The configuration is not valid.",
      fieldErrorsOf(parsed.error),
    );
  const name = input.name.trim();
  if (!name || name.length > 200)
    throw new ValidationError("Name the list, channel or page as the template does.");
  const config = parsed.data as object;
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    await tx.integrationTarget.upsert({
      where: { channel_name: { channel: input.channel, name } },
      create: { channel: input.channel, name, config, updatedById: who.id, updatedAt: now },
      update: { config, updatedById: who.id, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "integration_target.saved",
      payload: { channel: input.channel, name, config },
      at: now,
    });
  });
  const all = await listIntegrationTargets({ actor: who });
  return all.find((t) => t.channel === input.channel && t.name === name)!;
}

export function testMessageContext() {
  // A result makes the Statuspage incident of a test open already resolved.
  return {
    label: "Test",
    title: "Runsheet integration check",
    result: "TEST",
    url: `${appUrl()}/settings/integrations`,
  };
}
