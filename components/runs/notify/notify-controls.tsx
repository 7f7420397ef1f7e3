"use client";

import { DeliveryStatus } from "@/components/runs/notify/delivery-status";
import { NotifyPanel } from "@/components/runs/notify/notify-panel";
import { TimedAnnouncementStatus } from "@/components/announcements/timed-announcement-status";
import type { RunItemView, RunView } from "@/lib/runs/run-view";

/** What an item shows of announcements: the send panel on its parent, the delivery on each channel. */
export function NotifyControls(props: { run: RunView; item: RunItemView; editable: boolean }) {
  const { run, item } = props;
  if (item.spec.channel) {
    const latest = run.notifications.filter((n) => n.itemId === item.id).at(-1);
    return latest ? (
      <DeliveryStatus runId={run.id} runNumber={run.number} send={latest} editable={props.editable} />
    ) : null;
  }
  if (item.spec.message && item.spec.channels?.length)
    return (
      <>
        <TimedAnnouncementStatus {...props} />
        <NotifyPanel {...props} />
      </>
    );
  return null;
}
