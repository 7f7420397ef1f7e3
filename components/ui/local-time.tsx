"use client";

import { formatTime, formatUtc } from "@/lib/format/time";
import { useIsClient } from "@/components/ui/use-is-client";

/**
 * A server timestamp in the viewer's time zone with the zone named, UTC on hover. The server
 * render shows UTC (it cannot know the viewer's zone); the browser swaps in local time after
 * hydration.
 */
export function LocalTime({
  iso,
  withSeconds = false,
  withYear = false,
}: {
  iso: string;
  withSeconds?: boolean;
  withYear?: boolean;
}) {
  const isClient = useIsClient();
  const utc = formatUtc(iso);
  const text = formatTime(iso, { withSeconds, withYear, timeZone: isClient ? undefined : "UTC" });
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
