/**
 * `npm start`: the app with its database. Without DATABASE_URL it runs the embedded
 * PostgreSQL (data under .data/, kept across restarts), applies migrations, seeds the
 * demo workspace when the database is empty, builds when the build is missing or older
 * than the source, and serves on PORT (default 3000). `npm run dev` does the same with
 * `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { prepareLocalEnv } from "./local-env";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (m: string) => console.log(`[runsheet] ${m}`);

const embedded = await prepareLocalEnv({ port, log });

const node = process.execPath;
const tsxCli = path.join("node_modules", "tsx", "dist", "cli.mjs");
step(node, [tsxCli, "--conditions=react-server", "scripts/db-seed.ts"], "seeding the demo workspace");
if (!dev && buildIsStale()) step("npm", ["run", "build"], "building the app (first start or source changed)");

const nextCli = path.join("node_modules", "next", "dist", "bin", "next");
const child = spawn(
  node,
  [nextCli, dev ? "dev" : "start", "-p", String(port), "-H", process.env.HOST ?? "127.0.0.1"],
  {
    stdio: "inherit",
    env: process.env,
  },
);
log(`serving on http://localhost:${port} — demo users are listed in README.md`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
child.on("exit", (code) => void shutdown(code ?? 0));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function step(cmd: string, args: string[], what: string) {
  log(what);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    log(`${what} failed`);
    void embedded?.stop().finally(() => process.exit(r.status ?? 1));
    throw new Error(`${what} failed`);
  }
}

function buildIsStale(): boolean {
  const stamp = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(stamp)) return true;
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
