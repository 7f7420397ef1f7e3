import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";

export const DATA_DIR = path.join(process.cwd(), ".data");

/**
 * Makes a working environment for a local run: the embedded PostgreSQL when no
 * DATABASE_URL is set, a persistent auth secret, and an up-to-date schema.
 */
export async function prepareLocalEnv(opts: {
  port: number;
  log: (m: string) => void;
}): Promise<EmbeddedDb | null> {
  await mkdir(DATA_DIR, { recursive: true });
  let embedded: EmbeddedDb | null = null;
  if (!process.env.DATABASE_URL) {
    const pgPort = Number(process.env.RUNSHEET_PG_PORT ?? 54320);
    opts.log(`no DATABASE_URL: starting the embedded PostgreSQL on 127.0.0.1:${pgPort} (data in .data/pg)`);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "pg"),
      port: pgPort,
      database: "runsheet",
      log: opts.log,
    });
    process.env.DATABASE_URL = embedded.url;
  }
  process.env.NEXTAUTH_SECRET ??= await localSecret();
  process.env.NEXTAUTH_URL ??= `http://localhost:${opts.port}`;
  const { applied } = await migrate(process.env.DATABASE_URL!, { log: opts.log });
  if (!applied.length) opts.log("database schema is up to date");
  return embedded;
}

async function localSecret(): Promise<string> {
  const file = path.join(DATA_DIR, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
