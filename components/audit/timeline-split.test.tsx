import { describe, expect, it } from "vitest";
import type { TimelineRow } from "@/lib/audit/timeline";
import { splitTimeline } from "@/components/audit/timeline-split";

const H = 3_600_000;
const row = (key: string, from: number, to: number): TimelineRow => ({
  key,
  label: key,
  kind: "section",
  planned: [from, to],
  actual: null,
  done: 0,
  total: 1,
  late: 0,
});

describe("splitTimeline", () => {
  it("gives a lead-up days before the window a scale of its own", () => {
    const rows = [
      row("pre-flight", 0, H),
      row("phase-1", 116 * H, 118 * H),
      row("phase-2", 118 * H, 119 * H),
    ];
    const parts = splitTimeline({ rows, decisions: [], domain: [0, 119 * H] });
    expect(parts.map((p) => [p.title, p.rows.map((r) => r.key), p.domain])).toEqual([
      ["Lead-up (its own scale)", ["pre-flight"], [0, H]],
      ["The change", ["phase-1", "phase-2"], [116 * H, 119 * H]],
    ]);
  });

  it("keeps one chart when the work is continuous", () => {
    const rows = [row("a", 0, 2 * H), row("b", 2 * H, 3 * H)];
    expect(splitTimeline({ rows, decisions: [], domain: [0, 3 * H] })).toHaveLength(1);
  });
});
