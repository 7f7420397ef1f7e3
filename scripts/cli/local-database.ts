import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { ensureAppLogin, urlAs } from "@/lib/db/app-role";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { parseEnv } from "@/lib/env";
import { ToolError } from "./tool-error";

/** Where a local checkout keeps its embedded database and secrets. */
export const DATA_DIR = path.join(process.cwd(), ".data");
const PG_DIR = path.join(DATA_DIR, "pg");
const DATABASE = "runsheet";
/** The embedded database's login for the app: a member of runsheet_app, never the owner. */
const APP_LOGIN = "runsheet_web";

export type LocalDatabase = {
  /** The schema owner: migrations only. */
  ownerUrl: string;
  /** The app's least-privileged login. */
  appUrl: string;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  stop: () => Promise<void>;
  embedded: "started" | "attached" | null;
};

/**
 * The database a local command works on. With DATABASE_URL set, that server (migrated with
 * MIGRATION_DATABASE_URL when given). Without it, the embedded PostgreSQL under .data/pg that
 * `npm start` uses: attached to when it is running, started (and later stopped) otherwise.
 */
export async function localDatabase(opts: {
  log: (m: string) => void;
  /** Apply migrations and grants first (npm start, db:migrate); other tools expect them done. */
  prepare?: boolean;
}): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) {
    const e = parseEnv(process.env);
    const ownerUrl = e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL;
    await reachable(ownerUrl);
    if (opts.prepare) {
      await prepareDatabase(ownerUrl, { log: opts.log });
      await ensureConfiguredAppLogin(ownerUrl, e.DATABASE_URL, opts.log);
    }
    return { ownerUrl, appUrl: e.DATABASE_URL, stop: async () => {}, embedded: null };
  }
  const running = runningEmbeddedPort();
  let stop = async () => {};
  let ownerUrl: string;
  if (running) {
    ownerUrl = embeddedUrl(running);
    await reachable(ownerUrl);
  } else {
    const port = Number(process.env.RUNSHEET_PG_PORT || 54320);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new ToolError("RUNSHEET_PG_PORT must be a port number (1–65535)", 2);
    await assertPortFree(port, `RUNSHEET_PG_PORT=${port + 1}`);
    const fresh = !existsSync(path.join(PG_DIR, "PG_VERSION"));
    opts.log(`starting the embedded PostgreSQL on 127.0.0.1:${port} (data in .data/pg)`);
    await mkdir(DATA_DIR, { recursive: true });
    try {
      const server = await startEmbeddedPostgres({
        dataDir: PG_DIR,
        port,
        database: DATABASE,
        log: opts.log,
      });
      ownerUrl = server.url;
      stop = () => server.stop();
    } catch (err) {
      // A cluster that never finished initialising would fail every later start.
      if (fresh) await rm(PG_DIR, { recursive: true, force: true });
      throw new ToolError(`the embedded PostgreSQL did not start: ${(err as Error).message}`);
    }
  }
  try {
    if (opts.prepare || !running) await prepareDatabase(ownerUrl, { log: opts.log });
    const password = await appPassword();
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await ensureAppLogin(owner, APP_LOGIN, password);
    } finally {
      await owner.end();
    }
    return {
      ownerUrl,
      appUrl: urlAs(ownerUrl, APP_LOGIN, password),
      stop,
      embedded: running ? "attached" : "started",
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/**
 * With two URLs, the app's user (DATABASE_URL) is made a member of runsheet_app, created with
 * the URL's password if it does not exist yet. With one URL the app runs as the owner, which
 * works but leaves the audit log open to the app: say so.
 */
async function ensureConfiguredAppLogin(ownerUrl: string, appUrl: string, log: (m: string) => void) {
  const owner = new URL(ownerUrl);
  const app = new URL(appUrl);
  if (decodeURIComponent(owner.username) === decodeURIComponent(app.username)) {
    log(
      "warning: the app connects as the schema owner; set MIGRATION_DATABASE_URL for migrations and give DATABASE_URL a least-privileged user (docs/DEPLOY.md)",
    );
    return;
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureAppLogin(client, decodeURIComponent(app.username), decodeURIComponent(app.password), {
      resetPassword: false,
    });
  } finally {
    await client.end();
  }
}

function embeddedUrl(port: number): string {
  return `postgresql://runsheet:runsheet-local@127.0.0.1:${port}/${DATABASE}`;
}

/** The port of the embedded server when its postmaster is alive (postmaster.pid: pid on line 1, port on line 4). */
function runningEmbeddedPort(): number | null {
  const pidFile = path.join(PG_DIR, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

async function appPassword(): Promise<string> {
  const file = path.join(DATA_DIR, "app-db-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(24).toString("hex");
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** Fails with one line when nothing answers at the URL, instead of a driver's stack trace. */
async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    const u = new URL(url);
    const why = (err as { code?: string; message: string }).code ?? (err as Error).message;
    throw new ToolError(
      `cannot reach PostgreSQL at ${u.hostname}:${u.port || 5432} as ${decodeURIComponent(u.username)} (${why}) — is it running, and is DATABASE_URL right?`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Refuses a port another program holds, naming the setting that moves ours. */
export async function assertPortFree(port: number, fix: string, host = "127.0.0.1"): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
  if (!free) throw new ToolError(`port ${port} is already in use by another program — start with ${fix}`);
}
