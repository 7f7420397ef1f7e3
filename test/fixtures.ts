import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Actor, RoleName } from "@/lib/auth/permissions";
import { createUser } from "@/lib/users/create-user";
import { loadTeamRoles } from "@/lib/teams/team-roles";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import { db } from "@/lib/db";
import { closeRun } from "@/lib/runs/close-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import { tickItem } from "@/lib/runs/tick-item";
import { completeUpTo, workItem } from "@/test/flow-fixtures";
import { generatedTemplate } from "@/scripts/bench/generated-template";

export const SEED_PATH = path.join(
  process.cwd(),
  "lib",
  "templates",
  "builtin",
  "promote-changeset-to-production.md",
);
export const SEED_SLUG = "promote-changeset-to-production";

/**
 * A fresh user of the given role, through the same domain function the app uses: an
 * operator or subscriber holds it in `teamId` (the default team when not given).
 */
export async function makeUser(role: RoleName = "operator", teamId?: string): Promise<Actor> {
  const tag = randomUUID().slice(0, 8);
  const u = await createUser({
    actor: "system",
    email: `${role}-${tag}@test.local`,
    name: `Test ${role} ${tag}`,
    handle: `${role}-${tag}`,
    role,
    teamId,
    password: "correct horse battery staple",
  });
  return { id: u.id, role: u.role, name: u.name, handle: u.handle, teamRoles: await loadTeamRoles(u.id) };
}

export async function importSeedTemplate() {
  return importTemplate({ actor: "system", markdown: await readFile(SEED_PATH, "utf8"), builtIn: true });
}

/** The names prisma/seed.ts gives the built-in templates; a link item finds its child template by name. */
export const BUILTIN_NAMES: Record<string, string> = {
  "promote-changeset-to-production.md": "Promote Changeset To Production",
  "blue-side-tests-production.md": "Blue-side tests (production)",
  "changeset-failure-post-mortem.md": "Changeset failure post-mortem",
};

/** Imports every built-in template as the seed does (re-importing unchanged source is a no-op). */
export async function importBuiltinTemplates() {
  const dir = path.dirname(SEED_PATH);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const results = [];
  for (const file of files) {
    const markdown = await readFile(path.join(dir, file), "utf8");
    results.push(
      await importTemplate({ actor: "system", markdown, name: BUILTIN_NAMES[file], builtIn: true }),
    );
  }
  return results;
}

export async function makeSeedRun(
  actor: Actor,
  fields: Record<string, string> = {},
  opts: { rehearsal?: boolean } = {},
) {
  await importSeedTemplate();
  return createRun({
    actor,
    templateSlug: SEED_SLUG,
    fields: { promotionDate: "2026-12-01", changesetVersion: "4.3", ...fields },
    ...opts,
  });
}

/**
 * One phase of plain items, all open at once: for tests of how one change is recorded, not
 * of the order of a promotion's phases (lib/runs/flow/guard.test.ts has that).
 */
const ONE_PHASE = `# One phase

### Work
* [ ] Check the dashboards
* [ ] Drain the queue
* [ ] Pause the cron jobs
* [ ] Announce in the team channel
* [ ] Rotate the log files
* [ ] Restart the workers
* [ ] Monitor for completion, check this AFTER item when the restart is complete
`;

export async function makePlainRun(actor: Actor) {
  const { slug } = await importTemplate({ actor: "system", markdown: ONE_PHASE, name: "One phase" });
  return createRun({ actor, templateSlug: slug, fields: {} });
}

/** A run of one phase of `items` plain tasks, every one of them available at once. */
export async function makeWideRun(actor: Actor, items: number) {
  const markdown = generatedTemplate(items, `${items} items, ${randomUUID().slice(0, 8)}`, items);
  const { slug } = await importTemplate({ actor: "system", markdown });
  const run = await createRun({ actor, templateSlug: slug, fields: {} });
  const runItems = await db().runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
  return { run, items: runItems };
}

/** Section keys of the seed template that its flow acts on. */
export const SEED_SECTIONS = {
  preFlight: "pre-flight",
  phase3: "phase-3-begin-rolling-container-updates",
  phase4: "phase-4-test-blue-stack-and-make-go-no-go-decision",
  go: "phase-5-go-decision",
  noGo: "phase-5-no-go-decision-backoff-failed-attempt",
  wrapUp: "phase-6-post-change-wrap-up",
  closing: "phase-6-closing-out-this-issue",
} as const;

/** A seed run whose link items can find their child templates. */
export async function makeFlowRun(
  actor: Actor,
  fields: Record<string, string> = {},
  opts: { rehearsal?: boolean } = {},
) {
  await importBuiltinTemplates();
  return makeSeedRun(actor, fields, opts);
}

/** One item of a run as stored now, by its section key and path ("phase-5-go-decision", "4"). */
export function runItemAt(runId: string, sectionKey: string, itemPath: string) {
  return db().runItem.findFirstOrThrow({ where: { runId, path: itemPath, section: { key: sectionKey } } });
}

/** Ticks an item at its current version. */
export async function tickAt(actor: Actor, runId: string, sectionKey: string, itemPath: string) {
  const item = await runItemAt(runId, sectionKey, itemPath);
  return tickItem({ actor, runId, itemId: item.id, version: item.version, done: true });
}

/** Ticks every item of a (childless, flow-free) child run, in order; steps as done outside Runsheet. */
export async function tickAllItems(actor: Actor, runId: string) {
  const items = await db().runItem.findMany({
    where: { runId, state: "open" },
    orderBy: { position: "asc" },
  });
  for (const item of items) {
    if (item.kind === "automation") await workItem(actor, item);
    else await tickItem({ actor, runId, itemId: item.id, version: item.version, done: true });
  }
}

/** Creates the Blue-side tests child run of the seed's Phase 4 item 1, completes and closes it. */
export async function completeBlueSideTests(actor: Actor, runId: string) {
  // The decision's phase opens once the phases before it are done.
  await completeUpTo(actor, runId, SEED_SECTIONS.phase4);
  const link = await runItemAt(runId, SEED_SECTIONS.phase4, "1");
  const child = await createChildRun({ actor, runId, itemId: link.id });
  await tickAllItems(actor, child.id);
  await closeRun({ actor, runId: child.id });
  return child;
}

/**
 * An empty database on the test server, for tests that need a database of their own
 * (the migration runner's). `drop` removes it, disconnecting anyone still attached.
 */
export async function createScratchDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set; test/setup-env.ts sets it.");
  const name = `runsheet_scratch_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A maintenance window two days ahead, in whole minutes: upcoming whenever a test runs. */
export function windowAhead() {
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 86_400_000);
  const local = (d: Date) => d.toISOString().slice(0, 16);
  return { start: local(start), end: local(new Date(start.getTime() + 3 * 3_600_000)), timeZone: "UTC" };
}
