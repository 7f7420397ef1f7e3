"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A server timestamp in the viewer's time zone, with UTC on hover. The server render
 * shows UTC; the browser swaps in local time after hydration.
 */
export function LocalTime({ iso, withSeconds = false }: { iso: string; withSeconds?: boolean }) {
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(iso);
  const utc = d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  const text = isClient
    ? d.toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        ...(withSeconds ? { second: "2-digit" } : {}),
      })
    : utc;
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
