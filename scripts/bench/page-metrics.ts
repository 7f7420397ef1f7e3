import http from "node:http";
import { gzipSync } from "node:zlib";
import { percentile } from "./stats";

/** Time to the response's first byte and to its last, for one GET with the session. */
function getTimed(url: string, cookie: string): Promise<{ ttfb: number; total: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { headers: { cookie } }, (res) => {
      const ttfb = performance.now() - started;
      res.on("data", () => {});
      res.on("end", () => resolve({ ttfb, total: performance.now() - started, status: res.statusCode ?? 0 }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on("error", reject);
  });
}

export async function renderTimes(url: string, cookie: string, samples: number) {
  for (let i = 0; i < 3; i++) await getTimed(url, cookie);
  const ttfb: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await getTimed(url, cookie);
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
    ttfb.push(r.ttfb);
    total.push(r.total);
  }
  return {
    samples,
    ttfbP50: percentile(ttfb, 50),
    ttfbP95: percentile(ttfb, 95),
    totalP50: percentile(total, 50),
    totalP95: percentile(total, 95),
  };
}

/**
 * The JavaScript a first visit to the page downloads: every `<script src>` it references,
 * gzipped, except `noModule` ones (legacy polyfills), which a browser that runs modules never fetches.
 */
export async function firstLoadJs(url: string, cookie: string) {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  const srcs = [
    ...new Set(
      tags
        .filter((attrs) => !/\bnomodule\b/i.test(attrs))
        .flatMap((attrs) => /\ssrc="([^"]+)"/.exec(attrs)?.[1] ?? []),
    ),
  ];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src.replace(/&amp;/g, "&"), url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { scripts: srcs.length, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}
