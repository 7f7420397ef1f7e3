"use client";

import { useState, useTransition } from "react";
import { previewNotificationAction, sendNotificationAction } from "@/app/(app)/runs/notify-actions";
import { AnnouncementPreview } from "@/components/runs/notify/announcement-preview";
import { useDeliveryPolling } from "@/components/runs/notify/use-delivery-polling";
import { useRunCommand } from "@/components/runs/use-run-command";
import type { NotificationPreview } from "@/lib/notify/preview-notification";
import type { Channel } from "@/lib/notify/target-config";
import type { RunItemView, RunView } from "@/lib/runs/run-view";

/** "Preview & send" on an announcement: the exact text per channel, then send all or one. */
export function NotifyPanel(props: { run: RunView; item: RunItemView; editable: boolean }) {
  const { run, item } = props;
  const [preview, setPreview] = useState<NotificationPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const command = useRunCommand(run.number);
  const channelItems = run.items.filter((i) => i.parentId === item.id && i.spec.channel);
  const inFlight = run.notifications.some(
    (n) => channelItems.some((c) => c.id === n.itemId) && (n.status === "queued" || n.status === "sending"),
  );
  useDeliveryPolling(run.number, inFlight);
  if (!props.editable || item.state === "not_taken" || item.state === "skipped") return null;
  const openChannels = channelItems.filter((c) => c.state === "open");

  const load = () =>
    startLoading(async () => {
      const res = await previewNotificationAction({ runId: run.id, itemId: item.id });
      if (res.ok) {
        setPreview(res.data);
        setLoadError(null);
      } else setLoadError(res.error);
    });
  const send = (channels?: Channel[]) =>
    command.run(
      () => sendNotificationAction({ runId: run.id, itemId: item.id, ...(channels ? { channels } : {}) }),
      () => setPreview(null),
    );

  return (
    <div className="mt-2 space-y-2" data-testid="notify-panel">
      {!preview && openChannels.length > 0 && (
        <button
          type="button"
          className="rounded bg-sky-700 px-3 py-1 text-xs font-medium text-white hover:bg-sky-800 disabled:opacity-50"
          disabled={loading}
          onClick={load}
        >
          {loading ? "Preparing…" : "Preview & send"}
        </button>
      )}
      {preview && (
        <div
          className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-3"
          data-testid="notify-preview"
        >
          {preview.missing.length > 0 && (
            <p className="text-sm font-medium text-red-800">
              Fill in {preview.missing.join(", ")} before sending: the message still needs it.
            </p>
          )}
          {preview.channels.map((c) => (
            <AnnouncementPreview
              key={c.itemId}
              preview={c}
              canSend={preview.missing.length === 0}
              pending={command.pending}
              onSend={() => send([c.channel])}
            />
          ))}
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
              disabled={
                command.pending ||
                preview.missing.length > 0 ||
                !preview.channels.some((c) => c.itemState === "open" && c.configured)
              }
              onClick={() => send()}
            >
              {command.pending ? "Sending…" : "Send all"}
            </button>
            <button type="button" className="text-sm underline" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {(loadError ?? command.error) && (
        <p role="alert" className="text-sm text-red-800">
          {loadError ?? command.error}
        </p>
      )}
    </div>
  );
}
