import type { Range, Timeline, TimelineRow } from "@/lib/audit/timeline";

export type TimelinePart = { title: string | null; rows: TimelineRow[]; domain: Range };

const start = (r: TimelineRow) => Math.min(r.planned?.[0] ?? Infinity, r.actual?.[0] ?? Infinity);
const end = (r: TimelineRow) => Math.max(r.planned?.[1] ?? -Infinity, r.actual?.[1] ?? -Infinity);

function domainOf(rows: TimelineRow[]): Range | null {
  const lo = Math.min(...rows.map(start));
  const hi = Math.max(...rows.map(end));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/**
 * A run's timeline cut where it has a long quiet gap (Pre-Flight days before the window): the
 * lead-up on its own scale, the change itself on another, so that hours of work are not a
 * one-pixel line beside five days of waiting. No cut when the gap is under half the span.
 */
export function splitTimeline(timeline: Timeline): TimelinePart[] {
  if (!timeline.domain) return [];
  const timed = timeline.rows.filter((r) => Number.isFinite(start(r)));
  const order = [...timed].sort((a, b) => start(a) - start(b));
  let cut = -1;
  let widest = 0;
  let reach = -Infinity;
  for (let i = 0; i < order.length - 1; i++) {
    reach = Math.max(reach, end(order[i]!));
    const gap = start(order[i + 1]!) - reach;
    if (gap > widest) {
      widest = gap;
      cut = i;
    }
  }
  const span = timeline.domain[1] - timeline.domain[0];
  if (cut < 0 || widest < span / 2) return [{ title: null, rows: timeline.rows, domain: timeline.domain }];
  const early = new Set(order.slice(0, cut + 1).map((r) => r.key));
  const lead = timeline.rows.filter((r) => early.has(r.key));
  const change = timeline.rows.filter((r) => !early.has(r.key));
  return [
    { title: "Lead-up (its own scale)", rows: lead, domain: domainOf(lead)! },
    { title: "The change", rows: change, domain: domainOf(change) ?? timeline.domain },
  ];
}
