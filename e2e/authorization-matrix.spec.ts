import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { actionKey, builtActions, callAction, sourceActions } from "./support/server-actions";
import { BASE_URL, buildMatrixContext, type MatrixContext, type Who } from "./authz/context";
import { ACTION_MATRIX } from "./authz/action-matrix";
import { ROUTE_MATRIX } from "./authz/route-matrix";

/** Every exported HTTP method of every route handler under app/api/v1. */
function sourceRoutes(dir = "app/api/v1"): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...sourceRoutes(p));
    else if (entry === "route.ts") {
      const text = readFileSync(p, "utf8");
      for (const m of text.matchAll(
        /export\s+(?:(?:async\s+)?function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
      )) {
        out.push(`${m[1]} ${p}`);
      }
      for (const m of text.matchAll(/export\s*\{([^}]+)\}/g)) {
        for (const name of m[1]!.split(",").map((s) =>
          s
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        )) {
          if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) out.push(`${name} ${p}`);
        }
      }
    }
  }
  return out.sort();
}

const actions = builtActions();
const actionId = (key: string) => {
  const a = actions.find((x) => actionKey(x) === key);
  if (!a) throw new Error(`${key} is not in the build; run npm run build`);
  return a;
};

let ctx: MatrixContext;

test.beforeAll(async () => {
  ctx = await buildMatrixContext();
});

test("every server action in the source and in the build is listed in the matrix", () => {
  const listed = Object.keys(ACTION_MATRIX).sort();
  expect(sourceActions().map(actionKey).sort()).toEqual(listed);
  expect([...new Set(actions.map(actionKey))].sort()).toEqual(listed);
  for (const [key, c] of Object.entries(ACTION_MATRIX)) {
    expect(c.refused.anonymous, `${key}: anonymous case`).toBeDefined();
    expect(!!c.crossObject || !!c.noCrossObject, `${key}: cross-object case or reason`).toBe(true);
  }
});

test("every /api/v1 route and method is listed in the matrix", () => {
  expect(sourceRoutes()).toEqual(Object.keys(ROUTE_MATRIX).sort());
});

for (const [key, c] of Object.entries(ACTION_MATRIX)) {
  test(`server action ${key}`, async () => {
    const action = actionId(key);
    for (const [who, code] of Object.entries(c.refused) as [Who, string][]) {
      const out = await callAction(ctx.as[who], action, await c.input(ctx), BASE_URL);
      expect({ who, ok: out.ok, code: out.code }, out.body).toEqual({ who, ok: false, code });
    }
    if (c.crossObject) {
      const out = await callAction(
        ctx.as[c.crossObject.as],
        action,
        await c.crossObject.input(ctx),
        BASE_URL,
      );
      expect({ ok: out.ok, code: out.code }, out.body).toEqual({ ok: false, code: c.crossObject.code });
    }
    if (c.allowed) {
      const out = await callAction(ctx.as[c.allowed], action, await c.input(ctx), BASE_URL);
      expect(out.ok, out.body).toBe(true);
    }
  });
}

// The team dimension: the runs and templates above are the platform team's; an operator of
// the payments team gets what a stranger gets, and the right role in the right team (`allowed`) may.
for (const [key, c] of Object.entries(ACTION_MATRIX)) {
  test(`server action ${key}: a member of another team`, async () => {
    const expected = c.otherTeam ?? (c.refused.operator === "forbidden" ? "forbidden" : "not_found");
    test.skip(expected === "skip", "acts on the caller's own sessions only");
    const out = await callAction(ctx.as.otherTeam, actionId(key), await c.input(ctx), BASE_URL);
    if (expected === "allowed") expect(out.ok, out.body).toBe(true);
    else expect({ ok: out.ok, code: out.code }, out.body).toEqual({ ok: false, code: expected });
  });
}

for (const [key, c] of Object.entries(ROUTE_MATRIX)) {
  test(`route ${key}: a member of another team`, async () => {
    const res = await ctx.as.otherTeam.fetch(c.path(ctx), {
      method: key.split(" ")[0]!,
      headers: { Origin: BASE_URL, "content-type": "text/markdown" },
      ...(c.body ? { data: await c.body(ctx) } : {}),
    });
    const body = await res.text();
    if (c.otherTeam === "allowed") {
      expect(res.status(), body).toBeLessThan(300);
      // A list holds none of the other team's runs and templates.
      if (!key.includes("openapi")) expect(body).not.toContain("promote-changeset-to-production");
      if (!key.includes("openapi")) expect(body).not.toContain(`"number":${ctx.runA.number},`);
    } else expect(res.status(), body).toBe(c.otherTeam ?? 404);
  });
}

for (const [key, c] of Object.entries(ROUTE_MATRIX)) {
  test(`route ${key}`, async () => {
    const method = key.split(" ")[0]!;
    const send = async (who: Who, url: string) =>
      ctx.as[who].fetch(url, {
        method,
        headers: { Origin: BASE_URL, "content-type": "text/markdown" },
        ...(c.body ? { data: await c.body(ctx) } : {}),
      });
    for (const [who, status] of Object.entries(c.refused) as [Who, number][]) {
      const res = await send(who, c.path(ctx));
      expect({ who, status: res.status() }, await res.text()).toEqual({ who, status });
    }
    if (c.crossObject) {
      const res = await send(c.crossObject.as, c.crossObject.path(ctx));
      expect(res.status(), await res.text()).toBe(c.crossObject.status);
    }
    if (c.allowed) {
      const res = await send(c.allowed, c.path(ctx));
      expect(res.status(), await res.text()).toBeLessThan(300);
    }
  });
}
