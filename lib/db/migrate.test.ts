import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations, type Migration } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/test/fixtures";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let tmpDirs: string[] = [];

beforeEach(async () => {
  scratch = await createScratchDatabase();
});

afterEach(async () => {
  await scratch.drop();
  await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
  tmpDirs = [];
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function bookkeeping(url: string) {
  return query<{ name: string; checksum: string }>(
    url,
    `SELECT name, checksum FROM "_runsheet_migrations" ORDER BY name`,
  );
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await query<{ exists: boolean }>(
    url,
    `SELECT to_regclass('public."${table}"') IS NOT NULL AS exists`,
  );
  return rows[0]?.exists === true;
}

/** A copy of prisma/migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "runsheet-migrations-"));
  tmpDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string) {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migrate", () => {
  let migrations: Migration[];
  beforeEach(async () => {
    migrations = await readMigrations();
  });

  it("finds the project's migrations", () => {
    expect(migrations.map((m) => m.name)).toContain("20261127120000_init");
    for (const m of migrations) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("applies every migration once on a fresh database and records each with its checksum", async () => {
    const logged: string[] = [];
    const { applied } = await migrate(scratch.url, { log: (m) => logged.push(m) });
    expect(applied).toEqual(migrations.map((m) => m.name));
    expect(logged).toEqual(migrations.map((m) => `applying migration ${m.name}`));
    expect(await bookkeeping(scratch.url)).toEqual(
      migrations.map((m) => ({ name: m.name, checksum: m.checksum })),
    );
    for (const table of [
      "users",
      "templates",
      "template_versions",
      "runs",
      "run_sections",
      "run_items",
      "audit_events",
    ]) {
      expect(await tableExists(scratch.url, table), table).toBe(true);
    }
  });

  it("applies nothing the second time", async () => {
    await migrate(scratch.url);
    const before = await bookkeeping(scratch.url);
    expect(await migrate(scratch.url)).toEqual({ applied: [] });
    expect(await bookkeeping(scratch.url)).toEqual(before);
  });

  it("lets two concurrent runs on a fresh database both succeed, applying each migration exactly once", async () => {
    const results = await Promise.all([migrate(scratch.url), migrate(scratch.url)]);
    const all = results.flatMap((r) => r.applied).sort();
    expect(all).toEqual(migrations.map((m) => m.name).sort());
    // One of them did all the work; the other waited for the lock and found nothing to do.
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, migrations.length]);
    expect(await bookkeeping(scratch.url)).toHaveLength(migrations.length);
  });

  it("refuses a migration that was edited after it was applied, naming it", async () => {
    const dir = await copyOfMigrations();
    const first = migrations[0]!.name;
    await addMigration(dir, "20990101000000_add_marker", `CREATE TABLE "marker" ("id" INTEGER);\n`);
    await migrate(scratch.url, { dir });
    const file = path.join(dir, first, "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")) + `\nCREATE TABLE "sneaky" ("id" INTEGER);\n`);

    await expect(migrate(scratch.url, { dir })).rejects.toThrow(
      `Migration ${first} was changed after it was applied (checksum differs)`,
    );
    expect(await tableExists(scratch.url, "sneaky")).toBe(false);
    expect(await bookkeeping(scratch.url)).toContainEqual({ name: first, checksum: migrations[0]!.checksum });
  });

  it("refuses a database with an applied migration that is missing from the directory, naming it", async () => {
    const dir = await copyOfMigrations();
    await addMigration(dir, "20990101000000_add_marker", `CREATE TABLE "marker" ("id" INTEGER);\n`);
    await migrate(scratch.url, { dir });
    await rm(path.join(dir, "20990101000000_add_marker"), { recursive: true });

    await expect(migrate(scratch.url, { dir })).rejects.toThrow(
      `Migration 20990101000000_add_marker is applied to the database but missing from ${dir}`,
    );
  });

  it("rolls a failing migration back and records nothing for it; a fixed one then applies", async () => {
    const dir = await copyOfMigrations();
    const broken = "20990101000000_broken";
    await addMigration(
      dir,
      broken,
      `CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "half_done" VALUES (1);\nSELECT 1 / 0;\n`,
    );

    await expect(migrate(scratch.url, { dir })).rejects.toThrow(
      `Migration ${broken} failed: division by zero`,
    );
    expect(await tableExists(scratch.url, "half_done")).toBe(false);
    // The migrations before it stay applied; the broken one left no row.
    expect((await bookkeeping(scratch.url)).map((r) => r.name)).toEqual(migrations.map((m) => m.name));

    await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\n`);
    expect(await migrate(scratch.url, { dir })).toEqual({ applied: [broken] });
    expect(await tableExists(scratch.url, "half_done")).toBe(true);
  });
});
