import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { templateTrends } from "@/lib/audit/template-trends";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import { skipItem } from "@/lib/runs/skip-item";
import { tickItem } from "@/lib/runs/tick-item";
import { makeUser } from "@/test/fixtures";

const MARKDOWN = `# Tiny promotion

### Phase A (T-4hrs before change)
1. * [ ] First step
2. * [ ] Second step

### Phase B (1 minute before change)
1. * [ ] Cut over
`;

const A = "Phase A (T-4hrs before change)";

let operator: Actor;
let auditor: Actor;
let slug: string;
const runs: number[] = [];

async function run(opts: {
  windowAgoMs: number;
  result: string | null;
  rationale?: string;
  skipSecond?: boolean;
}) {
  const created = await createRun({ actor: operator, templateSlug: slug, fields: {} });
  runs.push(created.number);
  const items = await db().runItem.findMany({ where: { runId: created.id }, orderBy: { position: "asc" } });
  await db().run.update({
    where: { id: created.id },
    data: { windowStart: new Date(Date.now() - opts.windowAgoMs), result: opts.result },
  });
  if (opts.rationale) {
    await db().runDecision.create({
      data: {
        runId: created.id,
        itemId: items[2]!.id,
        decision: "NO GO",
        rationale: opts.rationale,
        decidedById: operator.id,
        decidedAt: new Date(),
      },
    });
  }
  for (const [n, item] of items.entries()) {
    if (n === 1 && opts.skipSecond) {
      await skipItem({ actor: operator, runId: created.id, itemId: item.id, version: 0, reason: "n/a" });
    } else {
      await tickItem({ actor: operator, runId: created.id, itemId: item.id, version: 0, done: true });
    }
  }
}

beforeAll(async () => {
  [operator, auditor] = await Promise.all([makeUser("operator"), makeUser("auditor")]);
  const imported = await importTemplate({
    actor: "system",
    markdown: MARKDOWN,
    name: `Tiny ${randomUUID().slice(0, 8)}`,
  });
  slug = imported.slug;
  // Window a day ago: Phase A's slot ended long before its ticks. Window tomorrow: on time.
  await run({ windowAgoMs: 86_400_000, result: "SUCCEEDED" });
  await run({
    windowAgoMs: 86_400_000,
    result: "NO GO",
    rationale: "Blue side tests failed",
    skipSecond: true,
  });
  await run({ windowAgoMs: -86_400_000, result: "FAILED", rationale: "Went ahead; DNS did not switch" });
});

describe("templateTrends", () => {
  it("counts outcomes and lists NO GO and FAILED runs with their rationale", async () => {
    const t = await templateTrends({ actor: auditor, slug });
    expect(t.runs).toBe(3);
    expect(t.outcomes).toEqual({ SUCCEEDED: 1, "NO GO": 1, FAILED: 1, none: 0 });
    expect(t.failures).toEqual([
      expect.objectContaining({
        number: runs[2],
        result: "FAILED",
        rationale: "Went ahead; DNS did not switch",
      }),
      expect.objectContaining({ number: runs[1], result: "NO GO", rationale: "Blue side tests failed" }),
    ]);
  });

  it("ranks items by how often they were late or skipped", async () => {
    const t = await templateTrends({ actor: auditor, slug });
    expect(t.items).toEqual([
      { section: A, path: "1", text: "First step", late: 2, skipped: 0 },
      { section: A, path: "2", text: "Second step", late: 1, skipped: 1 },
    ]);
  });

  it("gives one duration point per run, oldest first, per phase", async () => {
    const t = await templateTrends({ actor: auditor, slug, take: 2 });
    expect(t.phases).toEqual([A, "Phase B (1 minute before change)"]);
    expect(t.durations.map((d) => d.number)).toEqual([runs[1], runs[2]]);
    for (const d of t.durations) expect(typeof d[A]).toBe("number");
  });

  it("is refused to a subscriber", async () => {
    await expect(templateTrends({ actor: await makeUser("subscriber"), slug })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
