import { expect, test, type APIRequestContext } from "@playwright/test";
import { generatedTemplate } from "../scripts/bench/generated-template";
import { OLIVIA, signInViaApi } from "./support/auth";
import { builtActions, callAction, type ActionOutcome } from "./support/server-actions";
import { API_BASE } from "./support/api-client";

/**
 * Many ticks at once through the server action, the way browsers send them, with real
 * sessions: every one must be answered with its tick, never "busy", "unavailable" or
 * "internal" while PostgreSQL is up. The runs are one phase each, so every item is
 * available at once and each tick should succeed.
 */
test.describe.configure({ timeout: 240_000 });

const tickAction = () => builtActions().find((a) => a.name === "tickItemAction")!;

type Item = { id: string; version: number; state?: string };
type WideRun = { runId: string; number: number; items: Item[] };

async function wideRun(request: APIRequestContext, items: number): Promise<WideRun> {
  const markdown = generatedTemplate(items, `${items} items, ${crypto.randomUUID().slice(0, 8)}`, items);
  const imported = await request.post("/api/v1/templates", {
    data: markdown,
    headers: { "content-type": "text/markdown" },
  });
  expect(imported.status(), await imported.text()).toBeLessThan(300);
  const { slug } = (await imported.json()) as { slug: string };
  const started = await request.post("/api/v1/runs", { data: { template: slug, fields: {} } });
  expect(started.status(), await started.text()).toBe(201);
  const { number } = (await started.json()) as { number: number };
  const run = (await (await request.get(`/api/v1/runs/${number}`)).json()) as { id: string; items: Item[] };
  return { runId: run.id, number, items: run.items };
}

/** Every item of the run, as the server has it now, is done. */
async function expectAllDone(request: APIRequestContext, run: WideRun) {
  const now = (await (await request.get(`/api/v1/runs/${run.number}`)).json()) as { items: Item[] };
  expect(now.items.filter((i) => i.state !== "done")).toEqual([]);
}

async function tickAll(request: APIRequestContext, refs: { runId: string; item: Item }[]) {
  const action = tickAction();
  const outcomes = await Promise.all(
    refs.map(({ runId, item }) =>
      callAction(request, action, { runId, itemId: item.id, version: item.version, done: true }, API_BASE),
    ),
  );
  const failed = (o: ActionOutcome) => o.status !== 200 || o.ok !== true;
  const failures = outcomes.filter(failed).map((o) => `${o.status} ${o.code}: ${o.body.slice(0, 200)}`);
  expect(failures).toEqual([]);
}

test("400 concurrent ticks of one run are all saved", async ({ request }) => {
  await signInViaApi(request, OLIVIA.email);
  const run = await wideRun(request, 400);
  await tickAll(
    request,
    run.items.map((item) => ({ runId: run.runId, item })),
  );
  await expectAllDone(request, run);
});

test("100 concurrent ticks over 10 runs are all saved", async ({ request }) => {
  await signInViaApi(request, OLIVIA.email);
  const runs = await Promise.all(Array.from({ length: 10 }, () => wideRun(request, 10)));
  await tickAll(
    request,
    runs.flatMap((r) => r.items.map((item) => ({ runId: r.runId, item }))),
  );
  for (const run of runs) await expectAllDone(request, run);
});
