import { readFileSync } from "node:fs";
import path from "node:path";

type ManifestEntry = { workers: Record<string, unknown>; exportedName: string };

/** The id Next gave `tickItemAction` in this build: what the browser sends as `Next-Action`. */
export function tickActionId(distDir: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, e]) => e.exportedName === "tickItemAction");
  if (!found) throw new Error("tickItemAction is not in the build's server reference manifest");
  return found[0];
}

export type TickRef = { runId: string; itemId: string; version: number; number: number };

export function tickRequest(base: string, actionId: string, cookie: string, ref: TickRef) {
  return {
    path: `/runs/${ref.number}`,
    headers: {
      "Next-Action": actionId,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: base,
      Cookie: cookie,
    },
    body: JSON.stringify([{ runId: ref.runId, itemId: ref.itemId, version: ref.version, done: true }]),
  };
}

/** The action's answer: `ok:true`, `ok:false` with its code, or neither (a transport failure). */
export function tickOutcome(body: string): { ok: boolean | null; code: string | null } {
  const ok = /"ok":(true|false)/.exec(body)?.[1];
  return { ok: ok === undefined ? null : ok === "true", code: /"code":"(\w+)"/.exec(body)?.[1] ?? null };
}
