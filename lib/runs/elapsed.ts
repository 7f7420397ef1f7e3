import type { RunItemView } from "@/lib/runs/run-view";

/**
 * Elapsed-time arithmetic shared by the server (evidence) and the browser (optimistic
 * display). All inputs are server timestamps.
 */

/** When a tick's elapsed time starts: the item's own start, else the run's previous tick, else the run's start. */
export function elapsedStart(
  item: { startedAt: Date | null },
  previousTickAt: Date | null,
  runCreatedAt: Date,
): Date {
  return item.startedAt ?? previousTickAt ?? runCreatedAt;
}

/** A tick's elapsed time and where it was measured from: the one rule for every tick, by a person or by the flow. */
export function elapsedOf(
  item: { startedAt: Date | null },
  previousTickAt: Date | null,
  runCreatedAt: Date,
  now: Date,
): { elapsedMs: number; elapsedFrom: string } {
  const start = elapsedStart(item, previousTickAt, runCreatedAt);
  return { elapsedMs: Math.max(0, now.getTime() - start.getTime()), elapsedFrom: start.toISOString() };
}

export type Span = { startMs: number; endMs: number; elapsedMs: number };

/** The span from the first done item's start to the last done item's end, over done items only. */
export function spanOf(items: Pick<RunItemView, "state" | "doneAt" | "elapsedMs">[]): Span | null {
  let start = Infinity;
  let end = -Infinity;
  for (const i of items) {
    if (i.state !== "done" || !i.doneAt) continue;
    const doneMs = Date.parse(i.doneAt);
    start = Math.min(start, doneMs - (i.elapsedMs ?? 0));
    end = Math.max(end, doneMs);
  }
  return Number.isFinite(start) ? { startMs: start, endMs: end, elapsedMs: end - start } : null;
}

export function progressOf(items: Pick<RunItemView, "state">[]) {
  const counted = items.filter((i) => i.state !== "not_taken");
  const done = counted.filter((i) => i.state === "done" || i.state === "skipped").length;
  return { done, total: counted.length };
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
