import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { actionKey, builtActions, callAction } from "./support/server-actions";
import { withDb } from "./support/db";
import { BASE_URL, buildMatrixContext, type MatrixContext } from "./authz/context";
import { ACTION_MATRIX } from "./authz/action-matrix";
import { ROUTE_MATRIX } from "./authz/route-matrix";

/**
 * Property-based inputs for every server action and /api/v1 route of the authorization
 * matrix: whatever arrives, the answer is never a 5xx or "internal", and a refused call
 * stores nothing. Bounded: a few runs per action or route and a time limit for each, so it
 * fits in CI. FUZZ_SEED repeats a failing run (fast-check prints the seed it used).
 */
const RUNS = Number(process.env.FUZZ_RUNS || 6);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS || 8_000);
// Fixed in the suite so that a red run repeats exactly; FUZZ_SEED=random explores new inputs.
const seed = process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED || 20261201);

// Ends the operator's own sessions: every later call would be anonymous.
const SKIPPED = new Set(["app/(app)/account-actions.ts#signOutEverywhereAction"]);

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDC00y",
    "",
    " ",
    "9999-99-99",
    "2026-02-30",
    "-1",
    "1e309",
    "NaN",
    "00000000-0000-0000-0000-000000000000",
    "' OR 1=1 --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "$@1",
    "$Q0",
    "x".repeat(5_000),
  ),
);
const leaf = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 31),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, leaf, tie("arr"), tie("obj")),
  arr: fc.array(tie("any"), { maxLength: 4 }),
  obj: fc.dictionary(nastyString, tie("any"), { maxKeys: 4 }),
})).any;

/** The matrix's valid input with one field replaced or added, or something else entirely. */
function mutated(valid: unknown) {
  const base = valid && typeof valid === "object" && !Array.isArray(valid) ? (valid as object) : {};
  const keys = Object.keys(base);
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), value)
        .map(([k, v]) => ({ ...base, [k]: v })),
    },
    { weight: 1, arbitrary: fc.tuple(nastyString, value).map(([k, v]) => ({ ...base, [k]: v })) },
    { weight: 1, arbitrary: value },
  );
}

/** Rows of the tables a change writes; a refused call must leave every count as it was. */
async function counts(): Promise<Record<string, number>> {
  return withDb(async (c) => {
    const { rows } = await c.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM runs) AS runs, (SELECT count(*)::int FROM run_items) AS run_items,
              (SELECT count(*)::int FROM templates) AS templates,
              (SELECT count(*)::int FROM template_versions) AS template_versions,
              (SELECT count(*)::int FROM api_tokens) AS api_tokens, (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM run_subscribers) AS run_subscribers,
              (SELECT count(*)::int FROM run_decisions) AS run_decisions`,
    );
    return rows[0]!;
  });
}

const actions = builtActions();
let ctx: MatrixContext;

test.describe.configure({ timeout: 15 * 60_000 });

test.beforeAll(async () => {
  ctx = await buildMatrixContext();
});

test("server actions answer any input without a server error, and a refusal stores nothing", async () => {
  for (const [key, c] of Object.entries(ACTION_MATRIX)) {
    if (SKIPPED.has(key)) continue;
    const action = actions.find((a) => actionKey(a) === key)!;
    const valid = await c.input(ctx);
    await fc.assert(
      fc.asyncProperty(mutated(valid), async (input) => {
        const before = await counts();
        const out = await callAction(ctx.as.operator, action, input, BASE_URL);
        expect(out.status, `${key} ${out.body.slice(0, 300)}`).toBeLessThan(500);
        expect(out.code, `${key} ${out.body.slice(0, 300)}`).not.toBe("internal");
        if (out.ok !== true) expect(await counts(), `${key}: refused, yet rows changed`).toEqual(before);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed },
    );
  }
});

/** The values that most often slip past a schema; every field of every action gets each of them. */
const CLASSIC_BAD_VALUES: unknown[] = [
  "",
  " ",
  null,
  0,
  -1,
  1.5,
  true,
  [],
  {},
  "\u0000",
  "\uD800",
  "not-a-uuid",
  "x".repeat(5_000),
  Number.MAX_SAFE_INTEGER,
];

/** The valid input with one field, or one field of a nested object, replaced by `bad`. */
function withEachFieldReplaced(valid: unknown): unknown[] {
  if (!valid || typeof valid !== "object" || Array.isArray(valid)) return CLASSIC_BAD_VALUES;
  const base = valid as Record<string, unknown>;
  return Object.entries(base).flatMap(([key, v]) => {
    const nested =
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.keys(v).flatMap((k) =>
            CLASSIC_BAD_VALUES.map((bad) => ({ ...base, [key]: { ...v, [k]: bad } })),
          )
        : [];
    return [...CLASSIC_BAD_VALUES.map((bad) => ({ ...base, [key]: bad })), ...nested];
  });
}

// Deterministic beside the property test above: a random seed may miss the one empty string.
test("every field of every server action, given each classic bad value, is refused without a server error", async () => {
  for (const [key, c] of Object.entries(ACTION_MATRIX)) {
    if (SKIPPED.has(key)) continue;
    const action = actions.find((a) => actionKey(a) === key)!;
    for (const input of withEachFieldReplaced(await c.input(ctx))) {
      const before = await counts();
      const out = await callAction(ctx.as.operator, action, input, BASE_URL);
      const what = `${key} ${JSON.stringify(input).slice(0, 200)} → ${out.body.slice(0, 300)}`;
      expect(out.status, what).toBeLessThan(500);
      expect(out.code, what).not.toBe("internal");
      if (out.ok !== true) expect(await counts(), `${what}: refused, yet rows changed`).toEqual(before);
    }
  }
});

/** A path of the route matrix with each segment after /api/v1 and each query value fuzzed. */
function fuzzedPath(path: string) {
  const url = new URL(path, BASE_URL);
  const segments = url.pathname.split("/").slice(3); // after "", "api", "v1"
  const part = fc.oneof(
    nastyString.map((s) => {
      try {
        return encodeURIComponent(s);
      } catch {
        return "%ED%A0%80"; // a lone surrogate cannot be encoded; its UTF-8 bytes can be sent
      }
    }),
    fc.constantFrom("%00", "%ff", "..", "%2e%2e", "0", "-1", "99999999999999999999"),
  );
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: segments.length, maxLength: segments.length }),
      fc.array(part, { minLength: segments.length, maxLength: segments.length }),
      fc.dictionary(
        fc.constantFrom("format", "version", "from", "to", "q", "person", "name", "result", "status"),
        part,
        { maxKeys: 3 },
      ),
    )
    .map(([which, parts, query]) => {
      const p = segments.map((s, i) => (which[i] ? parts[i]! : s)).join("/");
      const q = Object.entries(query)
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
      return `/api/v1/${p}${q ? `?${q}` : ""}`;
    });
}

test("/api/v1 routes answer any path, query or body without a server error", async () => {
  for (const [key, c] of Object.entries(ROUTE_MATRIX)) {
    const method = key.split(" ")[0]!;
    const body =
      method === "POST" ? fc.oneof(nastyString, fc.uint8Array({ maxLength: 2_000 })) : fc.constant(undefined);
    await fc.assert(
      fc.asyncProperty(fuzzedPath(c.path(ctx)), body, async (path, data) => {
        const before = await counts();
        const res = await ctx.as.operator.fetch(path, {
          method,
          headers: { Origin: BASE_URL, "content-type": "text/markdown" },
          ...(data === undefined ? {} : { data: typeof data === "string" ? data : Buffer.from(data) }),
        });
        expect(res.status(), `${method} ${path}: ${(await res.text()).slice(0, 300)}`).toBeLessThan(500);
        if (res.status() >= 300)
          expect(await counts(), `${method} ${path}: refused, yet rows changed`).toEqual(before);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed },
    );
  }
});

test("every field of every /api/v1 JSON body, given each classic bad value, is refused without a server error", async () => {
  for (const [key, c] of Object.entries(ROUTE_MATRIX)) {
    const raw = c.body ? await c.body(ctx) : undefined;
    const valid = typeof raw === "string" ? parseJson(raw) : undefined;
    if (valid === undefined) continue;
    const method = key.split(" ")[0]!;
    for (const body of withEachFieldReplaced(valid)) {
      const before = await counts();
      const res = await ctx.as.operator.fetch(c.path(ctx), {
        method,
        headers: { Origin: BASE_URL, "content-type": "application/json" },
        data: JSON.stringify(body),
      });
      const what = `${key} ${JSON.stringify(body).slice(0, 200)} → ${(await res.text()).slice(0, 300)}`;
      expect(res.status(), what).toBeLessThan(500);
      if (res.status() >= 300) expect(await counts(), `${what}: refused, yet rows changed`).toEqual(before);
    }
  }
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
