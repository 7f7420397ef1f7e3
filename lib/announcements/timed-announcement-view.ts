/** A timed announcement as the run page shows it on its item (shared by server and browser). */
export type TimedAnnouncementView = {
  itemId: string;
  mode: "confirm" | "auto";
  fireAt: string;
  /** pending, due (waiting for a one-click confirm), sending, sent, cancelled or failed */
  status: string;
  sentHow: "automatic" | "confirmed" | null;
  sentAt: string | null;
  askedAt: string | null;
  confirmedBy: { name: string; handle: string } | null;
  reason: string | null;
};

type Row = {
  itemId: string;
  mode: string;
  fireAt: Date;
  status: string;
  sentHow: string | null;
  sentAt: Date | null;
  askedAt: Date | null;
  reason: string | null;
  confirmedBy: { name: string; handle: string } | null;
};

export const timedAnnouncementViewInclude = {
  confirmedBy: { select: { name: true, handle: true } },
} as const;

export function toTimedAnnouncementView(r: Row): TimedAnnouncementView {
  return {
    itemId: r.itemId,
    mode: r.mode === "auto" ? "auto" : "confirm",
    fireAt: r.fireAt.toISOString(),
    status: r.status,
    sentHow: r.sentHow === "automatic" || r.sentHow === "confirmed" ? r.sentHow : null,
    sentAt: r.sentAt?.toISOString() ?? null,
    askedAt: r.askedAt?.toISOString() ?? null,
    confirmedBy: r.confirmedBy,
    reason: r.reason,
  };
}
