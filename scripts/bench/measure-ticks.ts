import { rm } from "node:fs/promises";
import path from "node:path";
import { startApp, type AppServer } from "./app-server";
import { summariseProfile } from "./cpu-profile";
import { directBaseline } from "./direct-baseline";
import { statementCounter } from "./statement-count";
import type { TickRef } from "./tick-action";
import { tickLoad, type LoadResult } from "./tick-load";

export const CONCURRENCY = [10, 50, 100];
/** Ticks per concurrency level: enough for stable percentiles, few enough for two cores. */
export const TICKS: Record<number, number> = { 10: 600, 50: 1200, 100: 1200 };
/** Ticks sent, at 50 connections, to a third instance running under `node --cpu-prof`. */
export const PROFILED_TICKS = 600;
const IDLE_SAMPLE_MS = 3_000;

/**
 * Ticks through the server action and the same writes straight through pg, at each
 * concurrency, with the statements PostgreSQL executed for the app's login counted.
 */
export async function measureTicks(o: {
  base: string;
  actionId: string;
  cookie: string;
  appDatabaseUrl: string;
  pgUrl: string;
  actorId: string;
  appItems: TickRef[];
  directItems: TickRef[];
  log: (m: string) => void;
}) {
  const log = o.log;
  const statements = await statementCounter(o.pgUrl, "runsheet_bench_app");
  // What the app sends with nobody working (the job queue's polling): the floor under the per-tick counts.
  await statements.reset();
  await new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS));
  const idleStatementsPerSecond = (await statements.read()).total / (IDLE_SAMPLE_MS / 1000);
  const counted = async (run: () => Promise<LoadResult>) => {
    await statements.reset();
    const result = await run();
    const read = await statements.read();
    // The statements the ticks sent: what the login sent during the load, less its idle rate.
    const ticksOwn = read.total - idleStatementsPerSecond * result.seconds;
    return { result: { ...result, statementsPerTick: ticksOwn / Math.max(1, result.ok) }, read };
  };
  const ticks: LoadResult[] = [];
  const direct: LoadResult[] = [];
  let tickStatements: { query: string; calls: number }[] = [];
  for (const c of CONCURRENCY) {
    log(`ticks through the server action, ${c} connections`);
    const items = o.appItems.splice(0, TICKS[c]!);
    const app = await counted(() =>
      tickLoad({ base: o.base, actionId: o.actionId, cookie: o.cookie, connections: c, items }),
    );
    ticks.push(app.result);
    if (c === 50) tickStatements = app.read.byQuery;
    log(`the same writes straight through pg, ${c} at a time`);
    const floor = await counted(() =>
      directBaseline({
        connectionString: o.appDatabaseUrl,
        poolMax: 10,
        connections: c,
        actorId: o.actorId,
        items: o.directItems.splice(0, TICKS[c]!),
      }),
    );
    direct.push(floor.result);
  }
  await statements.close();
  return { ticks, direct, idleStatementsPerSecond, tickStatements };
}

/** A third instance under `node --cpu-prof`, sent the 50-connection tick load; its profile summarised. */
export async function profileTicks(o: {
  port: number;
  env: Record<string, string>;
  actionId: string;
  cookie: string;
  items: TickRef[];
  servers: AppServer[];
  log: (m: string) => void;
}) {
  o.log("a CPU profile of one instance under the 50-connection tick load");
  const profileDir = path.join(process.cwd(), ".data", "bench-profile");
  await rm(profileDir, { recursive: true, force: true });
  const profiled = await startApp(o.port, o.env, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`]);
  o.servers.push(profiled);
  const loaded = await tickLoad({
    base: profiled.base,
    actionId: o.actionId,
    cookie: o.cookie,
    connections: 50,
    items: o.items,
  });
  await profiled.stop();
  return { ...summariseProfile(profileDir), ticks: loaded.ok, seconds: loaded.seconds };
}
