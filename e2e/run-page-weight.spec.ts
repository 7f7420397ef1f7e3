import { gzipSync } from "node:zlib";
import { expect, test } from "./support/fixtures";

/**
 * The run page's first-load JavaScript: every script its HTML references, gzipped. The goal
 * is 150 KB; React, React DOM and the Next.js router alone are about 134 KB of it and TanStack
 * Query 12 KB, so this budget guards today's 168 KB from growing until those shrink.
 */
const BUDGET_KB = 172;

test("the run page's first-load JavaScript stays within its budget", async ({ page, operator, startRun }) => {
  const { number } = await startRun(operator);
  const html = await (await page.request.get(`/runs/${number}`)).text();
  // noModule scripts (Next's legacy polyfills) are never fetched by a browser that runs modules.
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter(
    (m) => !/\snoModule/i.test(m[0]),
  );
  const sources = [...new Set(tags.map((m) => m[1]!))];
  let total = 0;
  for (const src of sources) {
    const body = await (await page.request.get(src)).body();
    total += gzipSync(body).length;
  }
  const kb = Math.round(total / 1024);
  test.info().annotations.push({ type: "first-load JS", description: `${kb} KB gzipped` });
  console.log(`run page first-load JS: ${kb} KB gzipped in ${sources.length} scripts`);
  expect(kb).toBeLessThanOrEqual(BUDGET_KB);
});
