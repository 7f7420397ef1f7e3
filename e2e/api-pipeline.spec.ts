import { expect, test } from "@playwright/test";
import { apiToken, pipelineClient } from "./support/api-client";
import { queryOne, withDb } from "./support/db";
import { uniqueVersion } from "./support/seed";
import { FUTURE_WINDOW } from "../test/change-window";

const SEED = "promote-changeset-to-production";
const fieldsFor = (version: string) => ({
  promotionDate: "2026-12-01",
  changesetVersion: version,
  stackIdForPrechangeBlueStack: "stack-blue-wrong",
  stackIdForPrechangeGreenStack: "stack-green-1",
});

test.describe("a pipeline drives runs through /api/v1 with a token", () => {
  test("start with an idempotent retry, correct a field, tick with a version conflict, note a report", async () => {
    const api = await pipelineClient(await apiToken());
    const key = `start-${Date.now()}`;
    const version = uniqueVersion();
    const start = { template: SEED, fields: fieldsFor(version) };

    const first = await api.call("POST", "/api/v1/runs", {}, start, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    const number = first.body.number as number;
    // A retry after a lost answer: the first answer again, and still one run.
    const retry = await api.call("POST", "/api/v1/runs", {}, start, { "Idempotency-Key": key });
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body.number).toBe(number);
    const runs = await queryOne<{ n: number }>(
      `SELECT count(*)::int AS n FROM runs WHERE fields->>'changesetVersion' = $1`,
      [version],
    );
    expect(runs.n).toBe(1);
    // The same key with another body is refused, naming why.
    const reused = await api.call(
      "POST",
      "/api/v1/runs",
      {},
      { ...start, fields: fieldsFor(uniqueVersion()) },
      { "Idempotency-Key": key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_mismatch");

    // A wrong stack id typed at start is corrected with a reason; the audit keeps old and new.
    const edit = await api.call(
      "PATCH",
      "/api/v1/runs/{number}/fields",
      { number },
      {
        fields: { stackIdForPrechangeBlueStack: "stack-blue-2" },
        reason: "the pipeline sent the previous Blue stack",
      },
    );
    expect(edit.status).toBe(200);
    expect(edit.body.changed).toEqual([
      {
        key: "stackIdForPrechangeBlueStack",
        label: expect.any(String),
        from: "stack-blue-wrong",
        to: "stack-blue-2",
      },
    ]);
    const event = await queryOne<{ payload: { reason: string } }>(
      `SELECT e.payload FROM audit_events e JOIN runs r ON r.id = e.run_id
        WHERE r.number = $1 AND e.action = 'run.fields_edited'`,
      [number],
    );
    expect(event.payload.reason).toBe("the pipeline sent the previous Blue stack");
    const result = await api.call(
      "PATCH",
      "/api/v1/runs/{number}/fields",
      { number },
      {
        fields: { changesetDeploymentAttemptResult: "SUCCEEDED" },
        reason: "trying",
      },
    );
    expect(result.status).toBe(400);

    // Tick by the template's own address of the item, with the version as If-Match.
    const item = "pre-flight:1";
    const run = await api.call("GET", "/api/v1/runs/{number}", { number });
    const seen = (run.body.items as { path: string; version: number; id: string }[]).find(
      (i) => i.path === "1",
    )!;
    const tick = await api.call(
      "POST",
      "/api/v1/runs/{number}/items/{item}/tick",
      { number, item },
      { done: true },
      {
        "If-Match": `"${seen.version}"`,
      },
    );
    expect(tick.status).toBe(200);
    expect(tick.body.state).toBe("done");
    expect(tick.body.doneBy.handle).toBe("olivia");
    // Someone else's view is now stale: 409 with the item as it is now, nothing changed.
    const stale = await api.call(
      "POST",
      "/api/v1/runs/{number}/items/{item}/tick",
      { number, item },
      {
        version: seen.version,
        done: false,
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ state: "done", version: seen.version + 1 });

    const note = await api.call(
      "PUT",
      "/api/v1/runs/{number}/items/{item}/note",
      { number, item },
      {
        version: tick.body.version,
        note: "report: https://ci.example.com/pipelines/42",
      },
    );
    expect(note.status).toBe(200);
    expect(note.body.note).toContain("https://ci.example.com/pipelines/42");
    await api.dispose();
  });

  test("bad input names the field and stores nothing", async () => {
    const api = await pipelineClient(await apiToken());
    const before = await withDb(
      async (c) => (await c.query("SELECT count(*)::int AS n FROM runs")).rows[0].n,
    );
    const missing = await api.call("POST", "/api/v1/runs", {}, { fields: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.fieldErrors.template).toBeDefined();
    const extra = await api.call("POST", "/api/v1/runs", {}, { template: SEED, fields: {}, colour: "blue" });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatch(/colour/);
    const wrongType = await api.call(
      "POST",
      "/api/v1/runs/{number}/items/{item}/tick",
      { number: 1, item: "pre-flight:1" },
      {
        version: "three",
      },
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fieldErrors.version).toBeDefined();
    const unknownItem = await api.call(
      "POST",
      "/api/v1/runs/{number}/items/{item}/tick",
      { number: 1, item: "nowhere:9" },
      {
        version: 0,
      },
    );
    expect(unknownItem.status).toBe(404);
    const after = await withDb(async (c) => (await c.query("SELECT count(*)::int AS n FROM runs")).rows[0].n);
    expect(after).toBe(before);
    await api.dispose();
  });

  test("a token without the scope is refused, and an oversized body is refused before it is read", async ({
    request,
  }) => {
    const readOnly = await pipelineClient(await apiToken(undefined, ["runs.read"]));
    const refused = await readOnly.call(
      "POST",
      "/api/v1/runs",
      {},
      { template: SEED, fields: fieldsFor(uniqueVersion()) },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/scopes/);
    await readOnly.dispose();
    const big = await request.post("/api/v1/runs", {
      data: JSON.stringify({ template: SEED, fields: { x: "y".repeat(300 * 1024) } }),
      headers: { "content-type": "application/json", Authorization: `Bearer ${await apiToken()}` },
    });
    expect(big.status()).toBe(413);
  });

  test("the API reference renders from our own origin", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto("/api/docs");
    await expect(page.getByText("Runsheet API")).toBeVisible();
    await expect(page.getByText("/api/v1/runs/{number}/items/{item}/tick")).toBeVisible();
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});

type Item = {
  id: string;
  sectionId: string;
  position: number;
  path: string;
  kind: string;
  text: string;
  state: string;
  version: number;
  spec: { goTo?: string; recordField?: string; recordValue?: string; channel?: unknown };
};
type RunBody = {
  number: number;
  status: string;
  result: string | null;
  items: Item[];
  fieldDefs: { key: string; type: string }[];
  availability: Record<string, { available: boolean }>;
  approval: { quorum: number } | null;
};

/** Values a pipeline records, by the field's type. */
const RECORDED: Record<string, string> = { datetime: FUTURE_WINDOW, version: "4.3", text: "4.3.0" };

test("a pipeline drives the seed promotion from start to close through /api/v1 alone", async () => {
  test.setTimeout(180_000);
  const olivia = await pipelineClient(await apiToken());
  const omar = await pipelineClient(await apiToken("omar@runsheet.local"));
  const started = await olivia.call(
    "POST",
    "/api/v1/runs",
    {},
    { template: SEED, fields: fieldsFor(uniqueVersion()) },
  );
  expect(started.status).toBe(201);

  /** Works every available item of a run, in order, until it closes; children are driven the same way. */
  async function drive(number: number): Promise<RunBody> {
    let staleTried = false;
    for (let round = 0; round < 200; round++) {
      const run = (await olivia.call("GET", "/api/v1/runs/{number}", { number })).body as RunBody;
      const next = run.items.find((i) => i.state === "open" && run.availability[i.id]?.available);
      if (!next) {
        const closed = await olivia.call("POST", "/api/v1/runs/{number}/close", { number }, {});
        expect(closed.status, JSON.stringify(closed.body)).toBe(200);
        return (await olivia.call("GET", "/api/v1/runs/{number}", { number })).body as RunBody;
      }
      const item = next.id;
      const at = { number, item };
      if (next.kind === "decision") {
        // The built-in promotion needs two approvers: GO is recorded by the second vote.
        expect(run.approval?.quorum).toBe(2);
        expect(
          (
            await olivia.call(
              "POST",
              "/api/v1/runs/{number}/approvals",
              { number },
              { vote: "GO", rationale: "Blue is green" },
            )
          ).status,
        ).toBe(201);
        const second = await omar.call(
          "POST",
          "/api/v1/runs/{number}/approvals",
          { number },
          { vote: "GO", rationale: "Agreed" },
        );
        expect(second.status, JSON.stringify(second.body)).toBe(201);
      } else if (next.kind === "link") {
        const child = await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/child", at, {});
        expect(child.status).toBe(201);
        await drive(child.body.number);
      } else if (next.spec.goTo) {
        // "If tests failed … go forward": the tests passed, so it does not apply.
        await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/skip", at, {
          version: next.version,
          reason: "The post-cutover tests passed.",
        });
      } else if (next.kind === "automation") {
        await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/tick", at, {
          version: next.version,
          done: true,
          doneOutside: { note: `Done by the pipeline: https://ci.example.com/jobs/${next.path}` },
        });
      } else if (next.kind === "record" && !next.spec.recordValue) {
        const type = run.fieldDefs.find((f) => f.key === next.spec.recordField)?.type ?? "text";
        await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/record", at, {
          version: next.version,
          value: RECORDED[type] ?? "4.3.0",
        });
      } else {
        if (!staleTried) {
          // Another writer got there first: the pipeline's stale version is refused, then it retries.
          staleTried = true;
          const stale = await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/tick", at, {
            version: next.version + 1,
            done: true,
          });
          expect(stale.status).toBe(409);
          expect(stale.body.current.version).toBe(next.version);
        }
        const ticked = await olivia.call("POST", "/api/v1/runs/{number}/items/{item}/tick", at, {
          version: next.version,
          done: true,
        });
        expect(ticked.status, `${next.path} ${next.text}: ${JSON.stringify(ticked.body)}`).toBe(200);
      }
    }
    throw new Error(`run #${number} did not close`);
  }

  const closed = await drive(started.body.number);
  expect(closed.status).toBe("closed");
  expect(closed.result).toBe("SUCCEEDED");
  await olivia.dispose();
  await omar.dispose();
});
