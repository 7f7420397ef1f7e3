import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Actor, RoleName } from "@/lib/auth/permissions";
import { createUser } from "@/lib/users/create-user";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";

export const SEED_PATH = path.join(
  process.cwd(),
  "lib",
  "templates",
  "builtin",
  "promote-changeset-to-production.md",
);
export const SEED_SLUG = "promote-changeset-to-production";

/** A fresh user of the given role, through the same domain function the app uses. */
export async function makeUser(role: RoleName = "operator"): Promise<Actor> {
  const tag = randomUUID().slice(0, 8);
  const u = await createUser("system", {
    email: `${role}-${tag}@test.local`,
    name: `Test ${role} ${tag}`,
    handle: `${role}-${tag}`,
    role,
    password: "correct horse battery staple",
  });
  return { id: u.id, role: u.role, name: u.name, handle: u.handle };
}

export async function importSeedTemplate() {
  return importTemplate({ actor: "system", markdown: await readFile(SEED_PATH, "utf8"), builtIn: true });
}

export async function makeSeedRun(actor: Actor, fields: Record<string, string> = {}) {
  await importSeedTemplate();
  return createRun({
    actor,
    templateSlug: SEED_SLUG,
    fields: { promotionDate: "2026-12-01", changesetVersion: "4.3", ...fields },
  });
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
