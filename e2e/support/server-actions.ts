import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Server actions are public POST endpoints: these helpers call them the way a forged
 * request would, by id, outside any page's JavaScript.
 */

export type ActionRef = { file: string; name: string };
export const actionKey = (a: ActionRef) => `${a.file}#${a.name}`;

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** Every action the built app knows, from Next's server reference manifest. */
export function builtActions(): (ActionRef & { id: string; page: string })[] {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, e]) => ({
    id,
    file: e.filename,
    name: e.exportedName,
    page: Object.keys(e.workers)[0] ?? "app/page",
  }));
}

/** Every exported action in the source: each `export async function` of a "use server" file under app/. */
export function sourceActions(dir = "app"): ActionRef[] {
  const out: ActionRef[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...sourceActions(p));
    else if (/\.(ts|tsx)$/.test(entry)) {
      const text = readFileSync(p, "utf8");
      if (!/^\s*["']use server["']/.test(text)) continue;
      for (const m of text.matchAll(/export\s+async\s+function\s+(\w+)/g)) out.push({ file: p, name: m[1]! });
    }
  }
  return out;
}

/** A route that renders a page using the action, so that Next accepts the POST there. */
function pathFor(page: string): string {
  const route = page
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[[^\]]+\]/g, "1");
  return route || "/";
}

export type ActionOutcome = { status: number; ok: boolean | null; code: string | null; body: string };

export async function callAction(
  request: APIRequestContext,
  action: { id: string; page: string },
  input: unknown,
  baseURL: string,
): Promise<ActionOutcome> {
  const res = await request.post(pathFor(action.page), {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: baseURL,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const body = await res.text();
  const ok = /"ok":(true|false)/.exec(body)?.[1];
  return {
    status: res.status(),
    ok: ok === undefined ? null : ok === "true",
    code: /"code":"(\w+)"/.exec(body)?.[1] ?? null,
    body,
  };
}
