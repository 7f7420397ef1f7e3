import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { firstBreak } from "@/lib/audit/verify-chain";
import { createScratchDatabase } from "@/test/fixtures";
import { populateBeforeTeams } from "./populate-before-teams";

const TEAMS = "20261201010000_teams";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: pg.Client;
let before: Record<string, unknown[]>;
let seeded: Awaited<ReturnType<typeof populateBeforeTeams>>;

/** Every row of every table, old columns only, in a stable order: what must survive. */
async function snapshot(columnsOf: Record<string, string[]>) {
  const out: Record<string, unknown[]> = {};
  for (const [table, columns] of Object.entries(columnsOf)) {
    const list = columns.map((c) => `"${c}"`).join(", ");
    out[table] = (await client.query(`SELECT ${list} FROM "${table}" ORDER BY ${list}`)).rows;
  }
  return out;
}

async function columnsNow(): Promise<Record<string, string[]>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_runsheet_migrations' ORDER BY table_name, ordinal_position`,
  );
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.table_name] ??= []).push(r.column_name);
  return out;
}

let oldColumns: Record<string, string[]>;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const earlier = await mkdtemp(path.join(tmpdir(), "runsheet-migrations-"));
  const names = (await readdir(MIGRATIONS_DIR)).filter((n) => n < TEAMS);
  for (const n of names) await cp(path.join(MIGRATIONS_DIR, n), path.join(earlier, n), { recursive: true });
  await migrate(scratch.url, { dir: earlier });
  await rm(earlier, { recursive: true, force: true });
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  seeded = await populateBeforeTeams(client);
  oldColumns = await columnsNow();
  before = await snapshot(oldColumns);
  const { applied } = await migrate(scratch.url);
  expect(applied[0]).toBe(TEAMS);
}, 120_000);

afterAll(async () => {
  await client?.end();
  await scratch?.drop();
});

describe("the teams migration on a populated workspace", () => {
  it("keeps every row and every value that was there", async () => {
    expect(before.runs).toHaveLength(2);
    expect(before.run_items).toHaveLength(4);
    expect(before.audit_events).toHaveLength(6);
    expect(await snapshot(oldColumns)).toEqual(before);
  });

  it("moves templates, runs and tokens into one default team; child runs follow their parent", async () => {
    const { rows: teams } = await client.query(`SELECT id, slug, name FROM teams`);
    expect(teams).toEqual([{ id: expect.any(String), slug: "default", name: "Default team" }]);
    const team = teams[0].id;
    const { rows: runs } = await client.query(
      `SELECT number, team_id, team_number FROM runs ORDER BY number`,
    );
    // The team numbers are the numbers people already know.
    expect(runs).toEqual([
      { number: 7, team_id: team, team_number: 7 },
      { number: 8, team_id: team, team_number: 8 },
    ]);
    expect((await client.query(`SELECT DISTINCT team_id FROM templates`)).rows).toEqual([{ team_id: team }]);
    expect((await client.query(`SELECT DISTINCT team_id FROM api_tokens`)).rows).toEqual([{ team_id: team }]);
  });

  it("keeps everyone's powers: operators and subscribers in the default team, admin and auditor workspace-wide", async () => {
    const { rows } = await client.query(
      `SELECT u.handle, u.role::text AS role, m.role::text AS team_role
       FROM users u LEFT JOIN team_members m ON m.user_id = u.id ORDER BY u.handle`,
    );
    expect(rows).toEqual([
      { handle: "ada", role: "admin", team_role: null },
      { handle: "audrey", role: "auditor", team_role: null },
      { handle: "olivia", role: "operator", team_role: "operator" },
      { handle: "sam", role: "subscriber", team_role: "subscriber" },
    ]);
  });

  it("leaves every audit chain verifiable", async () => {
    const { rows } = await client.query(
      `SELECT id, stream, seq, run_id AS "runId", actor_id AS "actorId", action, item_id AS "itemId",
              payload, created_at AS "createdAt", prev_hash AS "prevHash", hash
       FROM audit_events ORDER BY stream, seq`,
    );
    const streams = [...new Set(rows.map((r) => r.stream as string))];
    expect(streams.sort()).toEqual(["system", `run:${seeded.parent.run}`, `run:${seeded.child.run}`].sort());
    for (const s of streams) expect(firstBreak(rows.filter((r) => r.stream === s))).toBeNull();
    // The check can fail: an edited payload is found.
    const edited = rows.filter((r) => r.stream === "system").map((r, n) => (n ? { ...r, payload: {} } : r));
    expect(firstBreak(edited)).toMatchObject({ seq: 2 });
  });
});
