import { ms } from "./stats";
import type { LoadResult } from "./tick-load";

type Render = { samples: number; ttfbP50: number; ttfbP95: number; totalP50: number; totalP95: number };

export type BenchResults = {
  machine: { cpu: string; memory: string; os: string; node: string; postgres: string; loadAverage: string };
  command: string;
  date: string;
  wallSeconds: number;
  ticks: LoadResult[];
  direct: LoadResult[];
  seedRender: Render;
  bigRender: Render;
  js: { scripts: number; rawKb: number; gzipKb: number };
  live: {
    ticks: number;
    missed: number;
    sinceTickP50: number;
    sinceTickP95: number;
    sinceAnswerP50: number;
    sinceAnswerP95: number;
  };
  seedImportMs: number;
  hugeImportMs: number;
  exportName: string;
  exportMs: number;
  exportBytes: number;
};

const refusedText = (r: LoadResult) =>
  Object.entries(r.refused)
    .map(([code, n]) => `${n} ${code}`)
    .join(", ") || "0";

/** docs/BENCHMARKS.md, written by `npm run bench` from its own measurements. */
export function benchmarkReport(r: BenchResults): string {
  const loadRows = r.ticks.map((t, i) => {
    const d = r.direct[i]!;
    return `| ${t.connections} | ${t.ok} | ${refusedText(t)} | ${t.non2xx} | ${t.errors} | ${t.perSecond.toFixed(0)} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${d.perSecond.toFixed(0)} | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.p99)} | ${(d.perSecond / t.perSecond).toFixed(1)}× |`;
  });
  return `# Benchmarks

Produced by \`${r.command}\` on ${r.date} (${r.wallSeconds.toFixed(0)} s in all); do not edit by hand —
run it again. Numbers from one machine; compare runs on the same machine only.

## Machine

| | |
| --- | --- |
| CPU | ${r.machine.cpu} |
| memory | ${r.machine.memory} |
| OS | ${r.machine.os} |
| Node.js | ${r.machine.node} |
| PostgreSQL | ${r.machine.postgres} (embedded, fresh, on the same machine) |
| load average (1 min) before the bench | ${r.machine.loadAverage} |

## Setup

A fresh embedded PostgreSQL, the migrations and the demo seed; two \`next start\` processes
of the production build on 127.0.0.1 (\`DB_POOL_MAX\` 10 each) against it; signed in as
Olivia with a session cookie.

## Ticks

Each request POSTs the \`tickItemAction\` server action to \`/runs/N\` the way the browser
does (\`Next-Action\` header, the build's action id) and ticks a different open item, the
items spread over runs of 60 items so that concurrent ticks mostly take different run
locks. "refused" counts answers with \`ok:false\` (a conflict would be a tick of an already
ticked item), "non-2xx" HTTP errors, "errors" connection errors and timeouts; ticks/s
counts only successful ticks. Latency is from sending a request to its whole answer.

The baseline does the same writes in this process straight through \`pg\` — the run's
advisory lock, the versioned \`UPDATE run_items\`, the previous event, the SHA-256 hashed
\`INSERT INTO audit_events\` and the \`pg_notify\` — with as many concurrent callers over a
pool of 10, with no HTTP, session, validation, Prisma or React in between. "×" is how much
faster the baseline is.

| connections | ticked | refused | non-2xx | errors | ticks/s | p50 | p95 | p99 | baseline ticks/s | baseline p50 | baseline p95 | baseline p99 | × |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${loadRows.join("\n")}

## Run page

Server render of \`/runs/N\` signed in, one request at a time after three warm-up requests:
time to the first byte of the answer (TTFB) and to its last byte.

| run | requests | TTFB p50 | TTFB p95 | complete p50 | complete p95 |
| --- | ---: | ---: | ---: | ---: | ---: |
| seed run #1 | ${r.seedRender.samples} | ${ms(r.seedRender.ttfbP50)} | ${ms(r.seedRender.ttfbP95)} | ${ms(r.seedRender.totalP50)} | ${ms(r.seedRender.totalP95)} |
| 1,000 items | ${r.bigRender.samples} | ${ms(r.bigRender.ttfbP50)} | ${ms(r.bigRender.ttfbP95)} | ${ms(r.bigRender.totalP50)} | ${ms(r.bigRender.totalP95)} |

First-load JavaScript of the run page: the ${r.js.scripts} \`<script src>\` chunks its HTML
references, **${r.js.gzipKb.toFixed(1)} KB gzipped** (${r.js.rawKb.toFixed(1)} KB uncompressed).

## Live updates across instances

${r.live.ticks} ticks, one at a time, through the server action on instance A while instance B's
\`/api/runs/N/events\` stream is open: from sending the tick to B's \`change\` event,
**p50 ${ms(r.live.sinceTickP50)}, p95 ${ms(r.live.sinceTickP95)}**; from A's answer to B's event,
p50 ${ms(r.live.sinceAnswerP50)}, p95 ${ms(r.live.sinceAnswerP95)} (negative: B heard of the commit before A's
answer reached the caller). Events not seen within 5 s: ${r.live.missed}.

## Import and export

| what | median |
| --- | ---: |
| import of the seed template (\`promote-changeset-to-production.md\`), 5 times | ${ms(r.seedImportMs)} |
| import of a generated 3,000-item template, 3 times | ${ms(r.hugeImportMs)} |
| export of the 1,000-item run (200 items ticked), 5 times: ${r.exportName} | ${ms(r.exportMs)} (${(r.exportBytes / 1024).toFixed(0)} KB) |
`;
}
