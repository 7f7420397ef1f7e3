"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { Timeline, TimelineRow, Range } from "@/lib/audit/timeline";
import { splitTimeline } from "@/components/audit/timeline-split";
import { formatDuration } from "@/lib/runs/elapsed";

const ROW_HEIGHT = 26;
const WIDTH = 1040;

function tick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 36 * 3_600_000 ? iso.slice(5, 16).replace("T", " ") : iso.slice(11, 16);
}

/** A long phase name shortened for the axis; the tooltip keeps it whole. */
const short = (label: string) => (label.length > 38 ? `${label.slice(0, 37)}…` : label);

/**
 * Planned slots against actual work, per section, with timed automations and the
 * decision. A long quiet lead-up (Pre-Flight) gets a chart of its own, so the change is
 * drawn at a scale that shows it. A fixed width keeps it printable; the wrapper scrolls on
 * small screens.
 */
export function RunTimelineChart({ timeline }: { timeline: Timeline }) {
  if (!timeline.domain) {
    return (
      <p className="text-sm text-slate-600" data-testid="timeline-empty">
        Nothing to chart: the run has no window and no ticks.
      </p>
    );
  }
  const parts = splitTimeline(timeline);
  return (
    <div className="space-y-3" data-testid="timeline-chart">
      {parts.map((p) => (
        <figure key={p.title ?? "all"}>
          {p.title && <figcaption className="text-sm font-medium text-slate-700">{p.title}</figcaption>}
          <TimelinePartChart rows={p.rows} domain={p.domain} decisions={timeline.decisions} />
        </figure>
      ))}
    </div>
  );
}

function TimelinePartChart({
  rows,
  domain,
  decisions,
}: {
  rows: TimelineRow[];
  domain: Range;
  decisions: Timeline["decisions"];
}) {
  const [min, max] = domain;
  const pad = Math.max(60_000, (max - min) * 0.02);
  const span = max - min;
  // A bar of zero width would not show: one tick is drawn as a sliver.
  const sliver = Math.max(30_000, span / 300);
  const widen = (r: [number, number] | null) => (r && r[1] - r[0] < sliver ? [r[0], r[0] + sliver] : r);
  const data = rows.map((r) => ({
    ...r,
    planned: widen(r.planned),
    actual: widen(r.actual),
    automation: r.kind === "automation" ? widen(r.actual) : null,
    plannedRaw: r.planned,
    actualRaw: r.actual,
  }));
  for (const d of data) if (d.kind === "automation") d.actual = null;
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <BarChart
        width={WIDTH}
        height={Math.max(160, data.length * ROW_HEIGHT + 80)}
        data={data}
        layout="vertical"
        barGap={1}
        margin={{ top: 24, right: 32, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          domain={[min - pad, max + pad]}
          scale="time"
          tickFormatter={(v: number) => tick(v, span)}
          fontSize={11}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={260}
          fontSize={11}
          interval={0}
          tickFormatter={(v: string) => short(v)}
        />
        <Tooltip
          formatter={(value, name) =>
            Array.isArray(value)
              ? [`${tick(value[0] as number, span)} → ${tick(value[1] as number, span)}`, name]
              : [String(value), name]
          }
          labelFormatter={(label, payload) => {
            const row = payload?.[0]?.payload as (typeof data)[number] | undefined;
            if (!row) return String(label);
            const took = row.actualRaw
              ? ` · took ${formatDuration(row.actualRaw[1] - row.actualRaw[0])}`
              : "";
            return `${String(label)} — ${row.done}/${row.total} done${row.late ? `, ${row.late} late` : ""}${took}`;
          }}
        />
        <Legend />
        <Bar dataKey="planned" name="Planned slot" fill="#cbd5e1" isAnimationActive={false} />
        <Bar dataKey="actual" name="Actual (first → last tick)" fill="#2563eb" isAnimationActive={false} />
        <Bar dataKey="automation" name="Automation" fill="#d97706" isAnimationActive={false} />
        {decisions
          .filter((d) => d.at >= min - pad && d.at <= max + pad)
          .map((d) => (
            <ReferenceLine
              key={d.at}
              x={d.at}
              stroke={d.decision === "GO" ? "#047857" : "#b91c1c"}
              strokeWidth={2}
              label={{ value: d.decision, position: "insideTopLeft", fontSize: 12, fontWeight: 600 }}
            />
          ))}
      </BarChart>
    </div>
  );
}
