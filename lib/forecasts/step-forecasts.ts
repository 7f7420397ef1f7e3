import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";
import type { ItemSpec } from "@/lib/runs/run-view";
import { DEFAULT_WINDOW_MINUTES } from "@/lib/maintenance/desired-maintenance";
import { forecastOf, windowFit, type Forecast, type WindowFit } from "@/lib/forecasts/percentiles";

export type StepForecast = { itemId: string; text: string; kind: string; forecast: Forecast };

export type RunForecasts = {
  steps: StepForecast[];
  /** Shown until the DNS switch is done: whether it and a back-off fit in the window. */
  dnsSwitch: WindowFit | null;
};

const TIMED = ["stopwatch", "automation"];

/**
 * Forecasts from history for a run's timed steps: for each stopwatch and automation item, the
 * median and 90th percentile of the time the same step (same template, phase key and item
 * path) took in other runs where it was done; and before the DNS switch, whether the switch
 * plus a back-off still fit in what is left of the window.
 */
export async function runForecasts({
  actor,
  runId,
  now = new Date(),
}: {
  actor: Actor | null;
  runId: string;
  now?: Date;
}): Promise<RunForecasts> {
  const run = await db().run.findFirst({
    where: { id: runId, ...runReadScope(actor) },
    include: { templateVersion: { select: { templateId: true } } },
  });
  if (!run) throw new NotFoundError("That run does not exist.");
  const items = await db().runItem.findMany({
    where: { runId, kind: { in: TIMED } },
    include: { section: { select: { key: true } } },
    orderBy: { position: "asc" },
  });
  const past = await db().runItem.findMany({
    where: {
      kind: { in: TIMED },
      state: "done",
      elapsedMs: { not: null },
      runId: { not: runId },
      // A rehearsal's dry runs and captured messages say nothing about how long the real steps take.
      run: { templateVersion: { templateId: run.templateVersion.templateId }, rehearsal: false },
    },
    select: { path: true, elapsedMs: true, section: { select: { key: true } } },
  });
  const history = new Map<string, number[]>();
  for (const p of past) {
    const key = `${p.section.key}:${p.path}`;
    history.set(key, [...(history.get(key) ?? []), p.elapsedMs!]);
  }
  const steps = items.map((i) => ({
    itemId: i.id,
    text: i.text,
    kind: i.kind,
    forecast: forecastOf(history.get(`${i.section.key}:${i.path}`) ?? []),
  }));

  const byAutomation = (name: string) => items.find((i) => (i.spec as ItemSpec).automation === name);
  const dns = byAutomation("route53_switch");
  const backoff = byAutomation("backoff");
  const forecastFor = (id: string | undefined) =>
    steps.find((s) => s.itemId === id)?.forecast ?? forecastOf([]);
  const windowEnd =
    run.windowEnd ??
    (run.windowStart ? new Date(run.windowStart.getTime() + DEFAULT_WINDOW_MINUTES * 60_000) : null);
  const dnsSwitch =
    dns && dns.state === "open"
      ? windowFit(forecastFor(dns.id), forecastFor(backoff?.id), windowEnd, now)
      : null;
  return { steps, dnsSwitch };
}
