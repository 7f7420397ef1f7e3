import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { loadAnnouncement, runContext } from "@/lib/notify/announcement";
import { composeMessage, type Composed } from "@/lib/notify/compose-message";
import { resolveTarget, type ResolvedTarget, type TargetScope } from "@/lib/notify/resolve-target";
import {
  notificationViewSelect,
  toNotificationView,
  type NotificationView,
} from "@/lib/notify/notification-view";
import type { Channel } from "@/lib/notify/target-config";

export type ChannelPreview = {
  itemId: string;
  itemState: string;
  channel: Channel;
  target: string;
  /** Where it goes, without secrets; or why it cannot go. */
  destination: string;
  configured: boolean;
  /** The run's team's own target or the workspace default; null when neither is configured. */
  targetScope: TargetScope | null;
  composed: Composed;
  /** Earlier sends to this channel item, newest first. */
  sends: NotificationView[];
};

export type NotificationPreview = {
  itemId: string;
  message: string;
  missing: string[];
  channels: ChannelPreview[];
};

/** Exactly what each channel of an announcement would receive, and where it would go. */
export async function previewNotification({
  actor,
  ...input
}: {
  actor: Actor | null;
  runId: string;
  itemId: string;
}): Promise<NotificationPreview> {
  await requireRunPermission(actor, input.runId, "integrations.run");
  const run = await db().run.findUnique({ where: { id: input.runId } });
  if (!run) throw new NotFoundError("No such run.");
  const a = await loadAnnouncement(db(), run, input.itemId);
  const ctx = runContext(run);
  const sends = await db().notification.findMany({
    where: { runId: run.id, itemId: { in: a.channels.map((c) => c.item.id) } },
    select: notificationViewSelect,
    orderBy: { createdAt: "desc" },
  });
  const channels = await Promise.all(
    a.channels.map(async ({ item, channel }) => {
      const target = await resolveTarget(channel.type, channel.target, run);
      return {
        itemId: item.id,
        itemState: item.state,
        channel: channel.type,
        target: channel.target,
        destination:
          describe(target) +
          (target.ok && target.channel === "statuspage" && run.windowStart ? ON_MAINTENANCE : ""),
        configured: target.ok,
        targetScope: target.ok || target.scope === "team" ? (target.scope ?? null) : null,
        composed: composeMessage(
          channel.type,
          a.message,
          ctx,
          target.ok && target.channel === "statuspage" ? target.config : undefined,
        ),
        sends: sends.filter((s) => s.itemId === item.id).map(toNotificationView),
      };
    }),
  );
  return { itemId: a.parent.id, message: a.message, missing: a.missing, channels };
}

/** lib/maintenance/announce-on-maintenance.ts: the run's maintenance takes the words instead. */
const ON_MAINTENANCE =
  "; posted as an update of the run's scheduled maintenance, at the status the run is at";

function describe(target: ResolvedTarget): string {
  if (!target.ok) return target.problem;
  const test = "test" in target && target.test ? "Rehearsal test destination: " : "";
  switch (target.channel) {
    case "captured":
      return target.reason.replace("was captured", "will be captured");
    case "email":
      return `${test}To ${target.config.addresses.join(", ")}`;
    case "slack":
      return `${test}Slack incoming webhook from ${target.config.webhookEnv}`;
    case "statuspage":
      return `${test}Statuspage page ${target.config.pageId} at ${target.baseUrl}`;
  }
}
