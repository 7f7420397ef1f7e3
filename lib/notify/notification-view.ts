import type { Channel } from "@/lib/notify/target-config";

export type NotificationStatus = "queued" | "sending" | "delivered" | "failed";

/** One channel's delivery as the run page shows it; never a secret. */
export type NotificationView = {
  id: string;
  /** The channel sub-item this delivery ticks. */
  itemId: string;
  channel: Channel;
  target: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  /** The provider's answer (message id, "ok", incident id). */
  providerResponse: Record<string, unknown> | null;
  createdAt: string;
  deliveredAt: string | null;
};

export const notificationViewSelect = {
  id: true,
  itemId: true,
  channel: true,
  target: true,
  status: true,
  attempts: true,
  lastError: true,
  providerResponse: true,
  createdAt: true,
  deliveredAt: true,
} as const;

export function toNotificationView(n: {
  id: string;
  itemId: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerResponse: unknown;
  createdAt: Date;
  deliveredAt: Date | null;
}): NotificationView {
  return {
    ...n,
    channel: n.channel as Channel,
    status: n.status as NotificationStatus,
    providerResponse: (n.providerResponse as Record<string, unknown> | null) ?? null,
    createdAt: n.createdAt.toISOString(),
    deliveredAt: n.deliveredAt?.toISOString() ?? null,
  };
}
