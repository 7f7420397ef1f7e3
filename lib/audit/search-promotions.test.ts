import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { promotionsCsv, searchPromotions, streamPromotionsCsv } from "@/lib/audit/search-promotions";
import { setItemNote } from "@/lib/runs/set-item-note";
import { tickItem } from "@/lib/runs/tick-item";
import { makeSeedRun, makeUser } from "@/test/fixtures";

let auditor: Actor;
let olivia: Actor;
let omar: Actor;
/** A version no other test uses, so results are only this file's runs. */
const tag = `77.${Date.now() % 100000}`;
const numbers: Record<"a" | "b" | "c", number> = { a: 0, b: 0, c: 0 };
const word = `zebra${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  [auditor, olivia, omar] = await Promise.all([
    makeUser("auditor"),
    makeUser("operator"),
    makeUser("operator"),
  ]);
  const a = await makeSeedRun(olivia, { changesetVersion: tag });
  const b = await makeSeedRun(olivia, { changesetVersion: tag });
  const c = await makeSeedRun(omar, { changesetVersion: `${tag}1` });
  Object.assign(numbers, { a: a.number, b: b.number, c: c.number });
  // Results and windows are set by the flow elsewhere; here only their filtering matters.
  await db().run.update({
    where: { id: a.id },
    data: { result: "SUCCEEDED", status: "closed", windowStart: new Date("2026-03-10T22:00:00Z") },
  });
  await db().run.update({
    where: { id: b.id },
    data: { result: "NO GO", windowStart: new Date("2026-04-02T22:00:00Z") },
  });
  const item = await db().runItem.findFirstOrThrow({
    where: { runId: b.id, kind: "task" },
    orderBy: { position: "asc" },
  });
  await setItemNote({
    actor: olivia,
    runId: b.id,
    itemId: item.id,
    version: 0,
    note: `saw a ${word} in the logs`,
  });
  await tickItem({ actor: omar, runId: b.id, itemId: item.id, version: 1, done: true });
});

const found = async (filter: Record<string, string>) =>
  (await searchPromotions({ actor: auditor, filter })).rows.map((r) => r.number).sort((x, y) => x - y);

describe("searchPromotions", () => {
  it("finds runs by version, the field value, and reports it", async () => {
    expect(await found({ version: tag })).toEqual([numbers.a, numbers.b]);
    const { rows } = await searchPromotions({ actor: auditor, filter: { version: `${tag}1` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: numbers.c, version: `${tag}1`, createdBy: omar.handle });
  });

  it("filters by result, status, template and date range", async () => {
    expect(await found({ version: tag, result: "SUCCEEDED" })).toEqual([numbers.a]);
    expect(await found({ version: tag, result: "NO GO" })).toEqual([numbers.b]);
    expect(await found({ version: `${tag}1`, result: "none" })).toEqual([numbers.c]);
    expect(await found({ version: tag, status: "closed" })).toEqual([numbers.a]);
    expect(await found({ version: tag, status: "open" })).toEqual([numbers.b]);
    expect(await found({ version: tag, template: "promote-changeset-to-production" })).toEqual([
      numbers.a,
      numbers.b,
    ]);
    expect(await found({ version: tag, template: "no-such-template" })).toEqual([]);
    expect(await found({ version: tag, from: "2026-03-01", to: "2026-03-31" })).toEqual([numbers.a]);
    expect(await found({ version: tag, from: "2026-04-02", to: "2026-04-02" })).toEqual([numbers.b]);
  });

  it("finds runs by the person who created them or ticked an item", async () => {
    expect(await found({ version: tag, person: `@${omar.handle}` })).toEqual([numbers.b]);
    expect(await found({ person: omar.handle })).toEqual([numbers.b, numbers.c]);
    expect(await found({ version: tag, person: olivia.handle })).toEqual([numbers.a, numbers.b]);
  });

  it("searches titles and notes", async () => {
    expect(await found({ q: word.toUpperCase() })).toEqual([numbers.b]);
    expect(await found({ q: `v${tag}1 To` })).toEqual([numbers.c]);
  });

  it("exports the rows as CSV and refuses bad filters and subscribers", async () => {
    const { rows } = await searchPromotions({ actor: auditor, filter: { version: tag } });
    const csv = promotionsCsv(rows).trimEnd().split("\r\n");
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(`,${tag},`);
    await expect(searchPromotions({ actor: auditor, filter: { from: "yesterday" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(searchPromotions({ actor: auditor, filter: { result: "MAYBE" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(searchPromotions({ actor: await makeUser("subscriber") })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("promotions over many runs", () => {
  it("pages through 10,050 matching runs with cursors, and the CSV streams every one of them", async () => {
    const auditor = await makeUser("auditor");
    const operator = await makeUser("operator");
    const seedRun = await makeSeedRun(operator);
    const tag = `bulk-${Date.now()}`;
    // Inserted in one statement: the list reads runs, not their items.
    await db().$executeRaw`
      INSERT INTO runs (id, number, team_id, team_number, title, template_version_id, fields, created_by_id)
      SELECT gen_random_uuid(), (SELECT max(number) FROM runs) + g, ${seedRun.teamId}::uuid,
             (SELECT max(team_number) FROM runs WHERE team_id = ${seedRun.teamId}::uuid) + g, 'Bulk ' || g,
             ${seedRun.templateVersionId}::uuid, jsonb_build_object('changesetVersion', ${tag}::text), ${operator.id}::uuid
        FROM generate_series(1, 10050) AS g`;

    onTestFinished(async () => {
      // Other test files share this database; the bulk runs are this test's alone.
      await db().$executeRaw`DELETE FROM runs WHERE fields->>'changesetVersion' = ${tag}`;
    });
    const seen = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await searchPromotions({
        actor: auditor,
        filter: { version: tag },
        page: { cursor, limit: 500 },
      });
      expect(page.total).toBe(10050);
      for (const r of page.rows) {
        expect(seen.has(r.number)).toBe(false);
        seen.add(r.number);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(10050);
    expect(pages).toBe(21);

    const text = await new Response(streamPromotionsCsv({ actor: auditor, filter: { version: tag } })).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^number,title,/);
    expect(lines).toHaveLength(10051);
    expect(new Set(lines.slice(1).map((l) => Number(l.split(",")[0]))).size).toBe(10050);
  });

  it("refuses a cursor it did not give out", async () => {
    await expect(
      searchPromotions({ actor: await makeUser("auditor"), page: { cursor: "not-ours" } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
