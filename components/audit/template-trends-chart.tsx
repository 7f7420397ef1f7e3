"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { TemplateTrends } from "@/lib/audit/template-trends";

const COLOURS = ["#2563eb", "#d97706", "#047857", "#b91c1c", "#7c3aed", "#0891b2", "#be185d", "#4d7c0f"];

/** Minutes from first to last tick of each phase, one line per phase, one point per run. */
export function TemplateTrendsChart({ trends }: { trends: TemplateTrends }) {
  const phases = trends.phases.filter((p) => trends.durations.some((d) => typeof d[p] === "number"));
  if (phases.length === 0) return <p className="text-slate-600">No ticked phases yet.</p>;
  return (
    <div className="relative overflow-x-auto" tabIndex={0} data-testid="trends-chart">
      <LineChart
        width={1040}
        height={320}
        data={trends.durations}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={11} />
        <YAxis fontSize={11} label={{ value: "minutes", angle: -90, position: "insideLeft", fontSize: 11 }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {phases.map((p, n) => (
          <Line
            key={p}
            dataKey={p}
            name={p}
            stroke={COLOURS[n % COLOURS.length]}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
