/**
 * `npm start`: the app with its database. Without DATABASE_URL it runs the embedded
 * PostgreSQL (data under .data/, kept across restarts); either way it migrates as the
 * schema owner, seeds the demo workspace when the database is empty, builds when the build
 * is missing or older than the source, and serves the standalone server (the one the
 * Docker image runs) on PORT (default 3000) as the app's least-privileged database user.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import path from "node:path";
import { DEMO_PASSWORD } from "@/prisma/demo-users";
import { assertPortFree, DATA_DIR, localDatabase, type LocalDatabase } from "./cli/local-database";
import { ensurePrismaClient } from "./cli/prisma-client";
import { reportToolError } from "./cli/run-tool";
import { ToolError } from "./cli/tool-error";
import { startStandaloneServer } from "./server/standalone-server";

const dev = process.argv.includes("--dev");
const log = (m: string) => console.log(`[runsheet] ${m}`);
const LOCK = path.join(DATA_DIR, "app.pid");

let database: LocalDatabase | undefined;
let server: { stop: () => Promise<void> } | undefined;
let stopping = false;
let ownLock = false;

async function main() {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ToolError("PORT must be a port number (1–65535)", 2);
  const host = process.env.HOST || "127.0.0.1";
  await takeLock(port);
  await assertPortFree(port, `PORT=${port + 1} npm start`, host);
  ensurePrismaClient(log);
  database = await localDatabase({ log, prepare: true });
  process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
  process.env.DATABASE_URL = database.appUrl;
  process.env.NEXTAUTH_SECRET ||= await localSecret();
  // The standalone server runs from its own folder; keys and signed audit heads stay in this checkout's .data/.
  process.env.RUNSHEET_DATA_DIR ||= DATA_DIR;
  process.env.AUDIT_SIGNING_KEY ||= localSigningKey();
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  step(
    process.execPath,
    [tsxCli(), "--conditions=react-server", "scripts/db-seed.ts"],
    "seeding the demo workspace",
  );
  if (dev) {
    const child = spawn(process.execPath, [nextCli(), "dev", "-p", String(port), "-H", host], {
      stdio: "inherit",
      env: process.env,
    });
    server = { stop: () => stopChild(child) };
    child.on("exit", (code) => void shutdown(code ?? 0));
    log(`dev server on ${process.env.NEXTAUTH_URL}`);
    return;
  }
  if (buildIsStale()) step("npm", ["run", "build"], "building the app (first start, or the source changed)");
  const app = startStandaloneServer({ port, host, env: process.env });
  server = app;
  app.child.on("exit", (code) => void shutdown(code ?? 1));
  await app.ready();
  log(`Runsheet is ready at ${process.env.NEXTAUTH_URL}`);
  log(`sign in as olivia@runsheet.local with the password ${DEMO_PASSWORD} (every demo user: README.md)`);
}

/** A second `npm start` on the same checkout would fight over the same database files. */
async function takeLock(port: number) {
  await mkdir(DATA_DIR, { recursive: true });
  if (existsSync(LOCK)) {
    const [pid, otherPort] = readFileSync(LOCK, "utf8").trim().split(" ").map(Number);
    if (pid && alive(pid))
      throw new ToolError(
        `Runsheet is already running from this folder (process ${pid}, port ${otherPort}); stop it first (Ctrl-C in its terminal)`,
      );
  }
  await writeFile(LOCK, `${process.pid} ${port}\n`);
  ownLock = true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function localSecret(): Promise<string> {
  const file = path.join(DATA_DIR, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** The same file lib/audit/signing-key.ts keeps for tools run in this checkout. */
function localSigningKey(): string {
  const file = path.join(DATA_DIR, "audit-signing-key");
  if (!existsSync(file)) {
    const key = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" });
    writeFileSync(file, key, { mode: 0o600 });
  }
  return readFileSync(file, "utf8");
}

const tsxCli = () => path.join("node_modules", "tsx", "dist", "cli.mjs");
const nextCli = () => path.join("node_modules", "next", "dist", "bin", "next");

function step(cmd: string, args: string[], what: string) {
  log(what);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) throw new ToolError(`${what} failed (see above)`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function buildIsStale(): boolean {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const stamp = path.join(distDir, "BUILD_ID");
  if (!existsSync(stamp) || !existsSync(path.join(distDir, "standalone", "server.js"))) return true;
  const builtAt = statSync(stamp).mtimeMs;
  const newest = (dir: string): number => {
    if (!existsSync(dir)) return 0;
    let max = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "generated" || e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return max;
  };
  const sources = ["app", "components", "lib", "public", "prisma"].map(newest);
  return Math.max(...sources, statSync("package.json").mtimeMs) > builtAt;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await server?.stop().catch(() => {});
  await database?.stop().catch(() => {});
  if (ownLock) await rm(LOCK, { force: true });
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (err: unknown) => {
  const code = reportToolError("npm start", err);
  await shutdown(code);
});
