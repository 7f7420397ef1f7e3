import { MIN_HISTORY, type Forecast } from "@/lib/forecasts/percentiles";
import type { RunForecasts as Forecasts } from "@/lib/forecasts/step-forecasts";

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${rest}s` : `${rest}s`;
}

function said(f: Forecast): string {
  return f.enough
    ? `median ${duration(f.medianMs)}, P90 ${duration(f.p90Ms)} (${f.runs} past runs)`
    : `${f.runs} past run${f.runs === 1 ? "" : "s"}: too few to forecast (needs ${MIN_HISTORY})`;
}

const VERDICT_STYLE: Record<string, string> = {
  fits: "border-emerald-300 bg-emerald-50",
  tight: "border-amber-300 bg-amber-50",
  "does not fit": "border-red-300 bg-red-50",
};

/** The timed steps' forecasts from past runs of the template, and whether the DNS switch still fits. */
export function RunForecasts({ forecasts: { steps, dnsSwitch } }: { forecasts: Forecasts }) {
  if (!steps.length) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="run-forecasts">
      <header className="border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">Forecasts from past runs</h2>
      </header>
      <div className="space-y-3 px-4 py-3 text-sm">
        {dnsSwitch && (
          <p
            data-testid="dns-fit"
            className={`rounded border p-2 ${VERDICT_STYLE[dnsSwitch.verdict] ?? "border-slate-200 bg-slate-50"}`}
          >
            DNS switch plus a possible back-off:{" "}
            {dnsSwitch.verdict === "no window"
              ? "the run has no window yet."
              : dnsSwitch.verdict === "not enough history"
                ? `not enough history to say (${dnsSwitch.runs} past runs; needs ${MIN_HISTORY}).`
                : `${dnsSwitch.verdict} — P90 ${duration(dnsSwitch.needMs)} against ${duration(dnsSwitch.leftMs)} left in the window.`}
          </p>
        )}
        <ul className="divide-y divide-slate-100">
          {steps.map((s) => (
            <li key={s.itemId} className="flex flex-wrap gap-x-3 py-1" data-testid="step-forecast">
              <span className="min-w-0 flex-1 truncate">{s.text}</span>
              <span className="text-slate-600">{said(s.forecast)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
