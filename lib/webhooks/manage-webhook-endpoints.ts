import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { parseInput } from "@/lib/validation/parse-input";

export const newWebhookEndpointSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "An http:// or https:// URL" })
    .max(2_000)
    // zod runs refinements after a failed format check too, so this one must not throw.
    .refine((u) => !URL.canParse(u) || !hasCredentials(new URL(u)), "No credentials in the URL"),
  description: z.string().trim().max(200).default(""),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event"),
});

function hasCredentials(url: URL) {
  return Boolean(url.username || url.password);
}

/** Registers an endpoint; its signing secret is in this answer only. */
export async function createWebhookEndpoint({
  actor: maybeActor,
  ...input
}: { actor: Actor | null } & z.input<typeof newWebhookEndpointSchema>) {
  const actor = requirePermission(maybeActor, "integrations.admin");
  const data = parseInput(newWebhookEndpointSchema, input, "The endpoint is not valid.");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { ...data, secret, createdById: actor.id },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "webhook.created",
      payload: { endpointId: endpoint.id, url: endpoint.url, events: endpoint.events },
      at: endpoint.createdAt,
    });
    return { id: endpoint.id, url: endpoint.url, events: endpoint.events, secret };
  });
}

/** Turns an endpoint off (no new deliveries; queued ones fail) or on again. */
export async function setWebhookEndpointActive({
  actor: maybeActor,
  endpointId,
  active,
}: {
  actor: Actor | null;
  endpointId: string;
  active: boolean;
}) {
  const actor = requirePermission(maybeActor, "integrations.admin");
  return db().$transaction(async (tx) => {
    const found = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!found) throw new NotFoundError("No such webhook endpoint.");
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { active } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: active ? "webhook.enabled" : "webhook.disabled",
      payload: { endpointId, url: found.url },
      at: new Date(),
    });
    return { id: endpointId, active };
  });
}

/** Endpoints with their recent deliveries and every attempt of each, newest first; never the secret. */
export async function listWebhookEndpoints({ actor: maybeActor }: { actor: Actor | null }) {
  requirePermission(maybeActor, "integrations.admin");
  const endpoints = await db().webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 25,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          createdAt: true,
          deliveredAt: true,
          redeliveryOfId: true,
          attemptsLog: {
            orderBy: { at: "asc" },
            select: { at: true, responseStatus: true, durationMs: true, error: true },
          },
        },
      },
    },
  });
  return endpoints;
}
