import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createRun } from "@/lib/runs/create-run";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { importTemplate } from "@/lib/templates/import-template";
import { forecastOf, windowFit } from "@/lib/forecasts/percentiles";
import { runForecasts } from "@/lib/forecasts/step-forecasts";
import { makeUser } from "@/test/fixtures";

const MIN = 60_000;

describe("median and P90", () => {
  it("says too few below three runs", () => {
    expect(forecastOf([5, 7])).toEqual({ enough: false, runs: 2 });
  });
  it("takes the middle and the nearest rank", () => {
    expect(forecastOf([30, 10, 20])).toEqual({ enough: true, runs: 3, medianMs: 20, p90Ms: 30 });
    expect(forecastOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toMatchObject({ medianMs: 6, p90Ms: 9 });
  });
  it("judges whether the switch and a back-off fit", () => {
    const f = (p90Ms: number) => ({ enough: true as const, runs: 3, medianMs: p90Ms, p90Ms });
    const end = new Date("2026-12-10T23:00:00Z");
    const now = new Date("2026-12-10T22:00:00Z"); // an hour left
    expect(windowFit(f(20 * MIN), f(20 * MIN), end, now).verdict).toBe("fits");
    expect(windowFit(f(30 * MIN), f(20 * MIN), end, now).verdict).toBe("tight");
    expect(windowFit(f(40 * MIN), f(30 * MIN), end, now).verdict).toBe("does not fit");
    expect(windowFit(f(1), { enough: false, runs: 2 }, end, now)).toEqual({
      verdict: "not enough history",
      runs: 2,
    });
    expect(windowFit(f(1), f(1), null, now)).toEqual({ verdict: "no window" });
  });
});

/** A template of its own, so that other tests' runs are not its history. */
async function template() {
  const markdown = `# Cutover drill

### Phase 1: Switch
* [ ] Update DNS <!-- runsheet: kind=automation automation=route53_switch -->
* [ ] Monitor for completion <!-- runsheet: kind=stopwatch -->

### Phase 2: Back off
* [ ] Back off <!-- runsheet: kind=automation automation=backoff -->
`;
  return importTemplate({ actor: "system", markdown, name: `Cutover drill ${randomUUID().slice(0, 8)}` });
}

/** A past run in which each step took the given minutes (as its ticks recorded them). */
async function pastRun(actor: Actor, slug: string, minutes: { dns: number; watch: number; backoff: number }) {
  const run = await createRun({ actor, templateSlug: slug, fields: {} });
  const items = await db().runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
  const took = [minutes.dns, minutes.watch, minutes.backoff];
  for (const [i, item] of items.entries())
    await db().runItem.update({ where: { id: item.id }, data: { state: "done", elapsedMs: took[i]! * MIN } });
  return run;
}

describe("forecasts of a run from past runs of its template", () => {
  it("say there is too little history until three runs exist, then show median and P90", async () => {
    const actor = await makeUser("operator");
    const { slug } = await template();
    await pastRun(actor, slug, { dns: 2, watch: 10, backoff: 5 });
    await pastRun(actor, slug, { dns: 4, watch: 12, backoff: 7 });
    const run = await createRun({ actor, templateSlug: slug, fields: {} });
    await setRunWindow({
      actor,
      runId: run.id,
      start: "2026-12-10T22:00",
      end: "2026-12-10T23:00",
      timeZone: "UTC",
    });

    const early = await runForecasts({ actor, runId: run.id, now: new Date("2026-12-10T22:00:00Z") });
    expect(early.steps.map((s) => s.forecast)).toEqual([
      { enough: false, runs: 2 },
      { enough: false, runs: 2 },
      { enough: false, runs: 2 },
    ]);
    expect(early.dnsSwitch).toEqual({ verdict: "not enough history", runs: 2 });

    await pastRun(actor, slug, { dns: 30, watch: 14, backoff: 20 });
    const later = await runForecasts({ actor, runId: run.id, now: new Date("2026-12-10T22:00:00Z") });
    expect(later.steps.map((s) => [s.text, s.forecast])).toEqual([
      ["Update DNS", { enough: true, runs: 3, medianMs: 4 * MIN, p90Ms: 30 * MIN }],
      ["Monitor for completion", { enough: true, runs: 3, medianMs: 12 * MIN, p90Ms: 14 * MIN }],
      ["Back off", { enough: true, runs: 3, medianMs: 7 * MIN, p90Ms: 20 * MIN }],
    ]);
    // 30 + 20 minutes at P90 against an hour left: tight. Ten minutes later it does not fit.
    expect(later.dnsSwitch).toEqual({ verdict: "tight", needMs: 50 * MIN, leftMs: 60 * MIN });
    const late = await runForecasts({ actor, runId: run.id, now: new Date("2026-12-10T22:15:00Z") });
    expect(late.dnsSwitch?.verdict).toBe("does not fit");
  });
});
