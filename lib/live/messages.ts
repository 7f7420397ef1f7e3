import type { RunItemView } from "@/lib/runs/run-view";

/** The PostgreSQL NOTIFY channels and payloads every app instance listens to. */
export const RUN_CHANNEL = "runsheet_run";
export const PRESENCE_CHANNEL = "runsheet_presence";

/**
 * Sent with the audit event inside the change's transaction, so only committed changes
 * announce themselves. `scope: "item"` means only the item changed, and `item` is its new
 * view when it fits in a notification; `scope: "run"` means more changed (a branch, a
 * result, the window…) and pages read the run again.
 */
export type RunChange = {
  runId: string;
  seq: number;
  action: string;
  itemId: string | null;
  scope: "item" | "run";
  item?: RunItemView;
};

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; leave room for the channel name. */
const NOTIFY_MAX_BYTES = 7_900;

/** The payload of a change's NOTIFY; an item view too large to carry is left for the page to fetch. */
export function runChangeMessage(change: RunChange): string {
  const full = JSON.stringify(change);
  if (Buffer.byteLength(full) < NOTIFY_MAX_BYTES || !change.item) return full;
  const { item: _dropped, ...rest } = change;
  return JSON.stringify(rest);
}

export type PresenceBeat = {
  runId: string;
  userId: string;
  name: string;
  instance: string;
  /** One open page; a person with two tabs is two connections and stays present until both close. */
  conn: string;
  at: number;
  left?: boolean;
};

export type Viewer = { id: string; name: string };
