/**
 * The post-cutover test harness: POST starts a test run. In "async" mode it answers 202 with a
 * status URL (and Location), which says "running" until the suite ends and then gives the
 * verdict; in "sync" mode it answers 200 with the verdict at once. A non-2xx `status` is
 * returned as-is (a 502 from its proxy, a 401 for a bad key).
 */
import { randomUUID } from "node:crypto";
import type { FakeAws } from "./state";
import type { Answer } from "./wire";

const runs = new WeakMap<FakeAws, Map<string, { polls: number }>>();

export function postCutover(fake: FakeAws, method: string, url: URL, body: string): Answer | null {
  const mine = runs.get(fake) ?? new Map<string, { polls: number }>();
  runs.set(fake, mine);
  if (method === "POST" && url.pathname === "/post-cutover-tests") {
    fake.calls.PostCutoverTests = (fake.calls.PostCutoverTests ?? 0) + 1;
    fake.tests.bodies.push(JSON.parse(body || "null"));
    if (fake.tests.status >= 300)
      return { status: fake.tests.status, type: "json", body: JSON.stringify({ error: "upstream says no" }) };
    if (fake.tests.mode === "sync")
      return { type: "json", body: JSON.stringify({ passed: fake.tests.passed }) };
    const id = randomUUID();
    mine.set(id, { polls: fake.tests.polls });
    const statusUrl = `${fake.url}/post-cutover-tests/runs/${id}`;
    return {
      status: 202,
      type: "json",
      body: JSON.stringify({ id, statusUrl }),
      headers: { location: statusUrl },
    };
  }
  const m = /^\/post-cutover-tests\/runs\/([^/]+)$/.exec(url.pathname);
  if (method === "GET" && m) {
    fake.calls.PostCutoverStatus = (fake.calls.PostCutoverStatus ?? 0) + 1;
    const run = mine.get(m[1]!);
    if (!run) return { status: 404, type: "json", body: JSON.stringify({ error: "no such test run" }) };
    if (--run.polls > 0) return { type: "json", body: JSON.stringify({ status: "running" }) };
    return { type: "json", body: JSON.stringify({ status: "completed", passed: fake.tests.passed }) };
  }
  return null;
}
