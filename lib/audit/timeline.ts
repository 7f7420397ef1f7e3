import type { RunItemView, RunView } from "@/lib/runs/run-view";
import { scheduleSections } from "@/lib/runs/schedule";

/** A bar's [start, end] in epoch milliseconds. */
export type Range = [number, number];

export type TimelineRow = {
  key: string;
  label: string;
  kind: "section" | "automation";
  planned: Range | null;
  actual: Range | null;
  done: number;
  total: number;
  late: number;
};

export type Timeline = {
  rows: TimelineRow[];
  decisions: { at: number; decision: string }[];
  domain: Range | null;
};

/** Due time and slot end of each section, from the window and the offsets. */
type Windowed = {
  sections: { id: string; offsetMinutes: number | null }[];
  window: { start: string; timeZone: string } | null;
};

export function sectionSlots(run: Windowed) {
  const schedule = scheduleSections(run.sections, {
    windowStart: run.window ? new Date(run.window.start) : null,
    timeZone: run.window?.timeZone,
    now: new Date(0),
    isComplete: () => false,
  });
  return new Map(schedule.map((s) => [s.id, s]));
}

/** Items ticked after their section's slot had ended. */
export function lateItems<T extends Pick<RunItemView, "sectionId" | "state" | "doneAt">>(
  run: Windowed & { items: T[] },
): T[] {
  const slots = sectionSlots(run);
  return run.items.filter((i) => {
    const end = slots.get(i.sectionId)?.slotEndsAt;
    return i.state === "done" && i.doneAt !== null && end != null && Date.parse(i.doneAt) > Date.parse(end);
  });
}

/**
 * One row per section (planned slot against first → last tick) and one per timed
 * automation (an item's start → its tick). Aggregating by section keeps a 300-item run
 * to a dozen rows.
 */
export function buildTimeline(run: RunView): Timeline {
  const slots = sectionSlots(run);
  const late = new Set(lateItems(run).map((i) => i.id));
  const rows: TimelineRow[] = [];
  for (const s of run.sections) {
    const items = run.items.filter((i) => i.sectionId === s.id);
    const slot = slots.get(s.id);
    const due = slot?.dueAt ? Date.parse(slot.dueAt) : null;
    const slotEnd = slot?.slotEndsAt
      ? Date.parse(slot.slotEndsAt)
      : run.window?.end && due !== null && Date.parse(run.window.end) > due
        ? Date.parse(run.window.end)
        : null;
    const ticks = items.filter((i) => i.state === "done" && i.doneAt).map((i) => Date.parse(i.doneAt!));
    rows.push({
      key: s.id,
      label: s.title,
      kind: "section",
      planned: due !== null ? [due, slotEnd ?? due] : null,
      actual: ticks.length ? [Math.min(...ticks), Math.max(...ticks)] : null,
      done: items.filter((i) => i.state === "done" || i.state === "skipped").length,
      total: items.filter((i) => i.state !== "not_taken").length,
      late: items.filter((i) => late.has(i.id)).length,
    });
  }
  for (const i of run.items) {
    if (i.state !== "done" || !i.startedAt || !i.doneAt) continue;
    rows.push({
      key: i.id,
      label: `⏱ ${i.path} ${i.text.length > 40 ? `${i.text.slice(0, 39)}…` : i.text}`,
      kind: "automation",
      planned: null,
      actual: [Date.parse(i.startedAt), Date.parse(i.doneAt)],
      done: 1,
      total: 1,
      late: late.has(i.id) ? 1 : 0,
    });
  }
  const decisions = run.decisions.map((d) => ({ at: Date.parse(d.decidedAt), decision: d.decision }));
  const points = [
    ...rows.flatMap((r) => [...(r.planned ?? []), ...(r.actual ?? [])]),
    ...decisions.map((d) => d.at),
  ];
  const domain: Range | null = points.length ? [Math.min(...points), Math.max(...points)] : null;
  return { rows, decisions, domain };
}
