import Link from "next/link";
import type { TemplateTrends } from "@/lib/audit/template-trends";
import { TemplateTrendsChart } from "@/components/audit/template-trends-chart";

/** Trends across the template's recent runs: phase durations, troublesome items, outcomes. */
export function TemplateTrendsPanel({ trends }: { trends: TemplateTrends }) {
  if (trends.runs === 0) return null;
  return (
    <section className="relative space-y-3 overflow-hidden text-sm" data-testid="template-trends">
      <h2 className="text-lg font-semibold">Trends over the last {trends.runs} runs</h2>
      <p data-testid="trend-outcomes">
        Succeeded {trends.outcomes.SUCCEEDED} · NO GO {trends.outcomes["NO GO"]} · Failed{" "}
        {trends.outcomes.FAILED} · not recorded {trends.outcomes.none}
      </p>
      <TemplateTrendsChart trends={trends} />
      {trends.failures.length > 0 && (
        <div>
          <h3 className="font-semibold">NO GO and failed runs</h3>
          <ul className="list-disc pl-5">
            {trends.failures.map((f) => (
              <li key={f.number}>
                <Link className="text-blue-700 underline" href={`/runs/${f.number}/audit`}>
                  #{f.number}
                </Link>{" "}
                {f.result}: {f.rationale ?? "no rationale recorded"}
                {f.decidedBy ? ` (@${f.decidedBy})` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {trends.items.length > 0 && (
        <div>
          <h3 className="font-semibold">Items most often late or skipped</h3>
          <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
            <table className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1">
              <thead>
                <tr className="text-left text-slate-600">
                  <th>Section</th>
                  <th>Item</th>
                  <th>Late</th>
                  <th>Skipped</th>
                </tr>
              </thead>
              <tbody>
                {trends.items.map((i) => (
                  <tr key={`${i.section}-${i.path}`} className="border-t border-slate-200">
                    <td>{i.section}</td>
                    <td>
                      {i.path} {i.text}
                    </td>
                    <td>{i.late}</td>
                    <td>{i.skipped}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
