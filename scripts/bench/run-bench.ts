/**
 * `npm run bench`: a fresh embedded PostgreSQL, the demo seed and benchmark data, two
 * `next start` instances of the production build, then every measurement, written to
 * docs/BENCHMARKS.md. Builds first when the build is missing. Everything listens on
 * 127.0.0.1 only; every loop is bounded, and a watchdog stops the lot after 8 minutes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { ensureAppLogin, urlAs } from "@/lib/db/app-role";
import pg from "pg";
import { startApp, signIn, type AppServer } from "./app-server";
import { generatedTemplate } from "./generated-template";
import { describeMachine } from "./machine";
import { firstLoadJs, renderTimes } from "./page-metrics";
import { propagation } from "./propagation";
import { benchmarkReport } from "./report";
import { median, timed } from "./stats";
import { tickActionId, type TickRef } from "./tick-action";
import { tickLoad } from "./tick-load";
import { measureTicks, profileTicks, PROFILED_TICKS, TICKS } from "./measure-ticks";

const ITEMS_PER_RUN = 60;
const PG_PORT = Number(process.env.BENCH_PG_PORT || 54790);
const APP_PORT = Number(process.env.BENCH_APP_PORT || 3790);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const log = (m: string) => console.log(`[bench] ${m}`);

const servers: AppServer[] = [];
let stopDb: (() => Promise<void>) | undefined;
const watchdog = setTimeout(() => {
  console.error("[bench] stopped by the 8-minute watchdog");
  void shutdown(1);
}, 8 * 60_000);

async function shutdown(code: number) {
  clearTimeout(watchdog);
  await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  await stopDb?.().catch(() => {});
  process.exit(code);
}

async function main() {
  const begun = Date.now();
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`no production build in ${distDir}: building`);
    const r = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: process.env });
    if (r.status !== 0) throw new Error("the build failed");
  }

  const { appDatabaseUrl, env, pgUrl } = await startDatabase();
  // Before the benchmark's own load: the load average then is everyone else's.
  const machine = await describeMachine(pgUrl);

  // The domain modules read the environment on first use, so they load only now.
  const { db, dbPool } = await import("@/lib/db");
  const { seed, DEMO_PASSWORD } = await import("@/prisma/seed");
  const { importTemplate } = await import("@/lib/templates/import-template");
  const { createRun } = await import("@/lib/runs/create-run");
  await seed(() => {});
  const { actorOfUser } = await import("@/lib/teams/actor-of-user");
  const user = async (email: string) => (await actorOfUser({ email }))!;
  const olivia = await user("olivia@runsheet.local");
  const ada = await user("ada@runsheet.local");

  log("creating benchmark runs");
  const small = await importTemplate({ actor: "system", markdown: generatedTemplate(ITEMS_PER_RUN) });
  const openItems = async (runCount: number): Promise<TickRef[]> => {
    const refs: TickRef[][] = [];
    for (let n = 0; n < runCount; n++) {
      const run = await createRun({ actor: olivia, templateSlug: small.slug, fields: {} });
      const items = await db().runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
      refs.push(items.map((i) => ({ runId: run.id, itemId: i.id, version: i.version, number: run.number })));
    }
    // Interleaved across runs: concurrent ticks land on different runs, as when many teams work at once.
    const out: TickRef[] = [];
    for (let i = 0; i < ITEMS_PER_RUN; i++) for (const r of refs) if (r[i]) out.push(r[i]!);
    return out;
  };
  const total = Object.values(TICKS).reduce((a, b) => a + b, 0) + 40 + PROFILED_TICKS;
  const appItems = await openItems(Math.ceil(total / ITEMS_PER_RUN));
  const directItems = await openItems(Math.ceil(total / ITEMS_PER_RUN));
  const big = await importTemplate({ actor: "system", markdown: generatedTemplate(1000, "1,000 items") });
  const bigRun = await createRun({ actor: olivia, templateSlug: big.slug, fields: {} });
  const liveItems = (await openItems(1)).slice(0, 50);

  log("starting two app instances");
  servers.push(await startApp(APP_PORT, env));
  servers.push(await startApp(APP_PORT + 1, env));
  const [a, b] = servers as [AppServer, AppServer];
  const cookie = await signIn(a.base, "olivia@runsheet.local", DEMO_PASSWORD);
  const actionId = tickActionId(distDir);

  log("warming up");
  await tickLoad({ base: a.base, actionId, cookie, connections: 4, items: appItems.splice(0, 40) });

  const load = await measureTicks({
    base: a.base,
    actionId,
    cookie,
    appDatabaseUrl,
    pgUrl,
    actorId: olivia.id,
    appItems,
    directItems,
    log,
  });

  log("run page render times");
  const seedRender = await renderTimes(`${a.base}/runs/1`, cookie, 30);
  const bigRender = await renderTimes(`${a.base}/runs/${bigRun.number}`, cookie, 15);
  const js = await firstLoadJs(`${a.base}/runs/1`, cookie);

  log("live propagation from instance A to instance B");
  const live = await propagation({ a: a.base, b: b.base, actionId, cookie, items: liveItems });

  const { seedImports, hugeImports, exporter, exports, exportBytes } = await measureImportsAndExport({
    bigRun,
    olivia,
    ada,
  });

  const profile = await profileTicks({
    port: APP_PORT + 2,
    env,
    actionId,
    cookie,
    items: appItems.splice(0, PROFILED_TICKS),
    servers,
    log,
  });

  const markdown = benchmarkReport({
    machine,
    command: `${distDir !== ".next" ? `NEXT_DIST_DIR=${distDir} ` : ""}npm run bench`,
    date: new Date().toISOString().slice(0, 10),
    wallSeconds: (Date.now() - begun) / 1000,
    ...load,
    profile,
    seedRender,
    bigRender,
    js,
    live,
    seedImportMs: median(seedImports),
    hugeImportMs: median(hugeImports),
    exportName: exporter.name,
    exportMs: median(exports),
    exportBytes,
  });
  writeFileSync(path.join(process.cwd(), "docs", "BENCHMARKS.md"), markdown);
  log(`docs/BENCHMARKS.md written in ${((Date.now() - begun) / 1000).toFixed(0)} s`);
  await db().$disconnect();
  await dbPool().end();
}

/** A fresh embedded PostgreSQL prepared as deployed, and the environment the app runs with. */
async function startDatabase() {
  const dataDir = path.join(process.cwd(), ".data", "bench-pg");
  const pgServer = await startEmbeddedPostgres({
    dataDir,
    port: PG_PORT,
    database: "runsheet_bench",
    fresh: true,
    log,
    settings: ["shared_preload_libraries=pg_stat_statements"],
  });
  stopDb = async () => {
    await pgServer.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  await prepareDatabase(pgServer.url);
  // As deployed: the app and the baseline write as the least-privileged login, not the owner.
  const owner = new pg.Client({ connectionString: pgServer.url });
  await owner.connect();
  await ensureAppLogin(owner, "runsheet_bench_app", "bench-app-password");
  await owner.end();
  const appDatabaseUrl = urlAs(pgServer.url, "runsheet_bench_app", "bench-app-password");
  const env = {
    DATABASE_URL: appDatabaseUrl,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    NEXT_DIST_DIR: distDir,
    NODE_ENV: "production",
  };
  Object.assign(process.env, env);
  return { appDatabaseUrl, env, pgUrl: pgServer.url };
}

type BenchActor = {
  id: string;
  role: string;
  name: string;
  handle: string;
  teamRoles: Readonly<Record<string, string>>;
};

/** Template imports (the built-in one and a 3,000-item one) and a run's evidence export. */
async function measureImportsAndExport({
  bigRun,
  olivia,
  ada,
}: {
  bigRun: { id: string; number: number };
  olivia: BenchActor;
  ada: BenchActor;
}) {
  log("imports and export");
  const { db } = await import("@/lib/db");
  const { importTemplate } = await import("@/lib/templates/import-template");
  const { tickItem } = await import("@/lib/runs/tick-item");
  const { getRunView } = await import("@/lib/runs/get-run-view");
  const seedMarkdown = await readFile(
    path.join(process.cwd(), "lib", "templates", "builtin", "promote-changeset-to-production.md"),
    "utf8",
  );
  const seedImports: number[] = [];
  for (let i = 0; i < 5; i++)
    seedImports.push(
      (
        await timed(() =>
          importTemplate({ actor: "system", markdown: seedMarkdown, name: `Bench seed copy ${i}` }),
        )
      )[1],
    );
  const hugeImports: number[] = [];
  for (let i = 0; i < 3; i++)
    hugeImports.push(
      (
        await timed(() =>
          importTemplate({ actor: "system", markdown: generatedTemplate(3000, `3,000 items, ${i}`) }),
        )
      )[1],
    );

  // An export with a history: the first 200 items of the 1,000-item run ticked.
  const bigItems = await db().runItem.findMany({
    where: { runId: bigRun.id },
    orderBy: { position: "asc" },
    take: 200,
  });
  for (const i of bigItems)
    await tickItem({ actor: olivia, runId: bigRun.id, itemId: i.id, version: i.version, done: true });
  let exporter: { name: string; run: () => Promise<number> };
  try {
    const { exportRunEvidence } = await import("@/lib/audit/export-run");
    exporter = {
      name: "`exportRunEvidence` (lib/audit/export-run.ts): the JSON bundle, Markdown and CSV",
      run: async () => {
        const e = await exportRunEvidence({ actor: ada, number: bigRun.number });
        return JSON.stringify(e.bundle).length + e.markdown.length + e.csv.length;
      },
    };
  } catch {
    exporter = {
      name: "`getRunView` + `JSON.stringify` (no evidence export in this tree)",
      run: async () => JSON.stringify(await getRunView({ actor: ada, number: bigRun.number })).length,
    };
  }
  const exports: number[] = [];
  let exportBytes = 0;
  for (let i = 0; i < 5; i++) {
    const [bytes, t] = await timed(exporter.run);
    exports.push(t);
    exportBytes = bytes;
  }
  return { seedImports, hugeImports, exporter, exports, exportBytes };
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    console.error(err);
    void shutdown(1);
  },
);
