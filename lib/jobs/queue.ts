import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { JOB_SCHEMA } from "@/lib/db/job-schema";
import { logger } from "@/lib/log/logger";

/** What callers may ask of one job; the queue's own defaults cover the rest. */
export type EnqueueOptions = Pick<
  PgBoss.SendOptions,
  "startAfter" | "singletonKey" | "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds"
>;

export type JobHandler<T> = (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>;

export type HandlerOptions = {
  /** How often an idle worker looks for due jobs (pg-boss allows 0.5 s at the least). */
  pollingIntervalSeconds?: number;
};

// One instance per process (and per dev hot reload): each one holds its own pool and timers.
const state = globalThis as unknown as {
  runsheetBoss?: Promise<PgBoss>;
  runsheetQueues?: Map<string, Promise<void>>;
  runsheetWorkers?: Map<string, string>;
};

const SCHEMA = JOB_SCHEMA;

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: SCHEMA,
    // The queue shares the database with the app's own pool; a few connections are plenty.
    max: 3,
    application_name: "runsheet-jobs",
    // The schema owner installs and upgrades pg-boss's tables (lib/db/job-schema.ts); the
    // app's role has no DDL rights.
    migrate: false,
  });
  // Without a listener an emitted "error" would crash the process; a lost poll is retried anyway.
  boss.on("error", (err) => logger.error({ err }, "job queue error"));
  await boss.start();
  return boss;
}

/** The process's queue, started on first use. */
export function jobQueue(): Promise<PgBoss> {
  state.runsheetBoss ??= startBoss().catch((err: unknown) => {
    state.runsheetBoss = undefined;
    throw err;
  });
  return state.runsheetBoss;
}

/** pg-boss 10 keeps each job name in a queue that must exist before the first send or work. */
async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  state.runsheetQueues ??= new Map();
  let created = state.runsheetQueues.get(name);
  if (!created) {
    created = boss.createQueue(name).catch((err: unknown) => {
      state.runsheetQueues?.delete(name);
      throw err;
    });
    state.runsheetQueues.set(name, created);
  }
  await created;
}

/** Adds a job; returns its id (null when pg-boss declined a duplicate). */
export async function enqueue<T extends object>(
  name: string,
  data: T,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const boss = await jobQueue();
  await ensureQueue(boss, name);
  const id = await boss.send(name, data, opts);
  // A worker of this process picks the job up now instead of at its next poll.
  const worker = state.runsheetWorkers?.get(name);
  if (worker) boss.notifyWorker(worker);
  return id;
}

/**
 * Runs `fn` for each job of `name`, one at a time. A thrown error fails the attempt and
 * pg-boss retries it with the job's retryLimit / retryDelay / retryBackoff.
 */
export async function registerHandler<T extends object>(
  name: string,
  fn: JobHandler<T>,
  opts: HandlerOptions = {},
): Promise<void> {
  state.runsheetWorkers ??= new Map();
  if (state.runsheetWorkers.has(name)) return;
  const boss = await jobQueue();
  await ensureQueue(boss, name);
  const id = await boss.work<T>(
    name,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
    async ([job]) => (job ? fn(job) : undefined),
  );
  state.runsheetWorkers.set(name, id);
}

/** Stops the workers and closes the pool (tests, shutdown); the next use starts afresh. */
export async function stopJobQueue(): Promise<void> {
  const running = state.runsheetBoss;
  state.runsheetBoss = undefined;
  state.runsheetQueues = undefined;
  state.runsheetWorkers = undefined;
  if (running) await (await running).stop({ graceful: true, timeout: 5_000, wait: true });
}

/**
 * Runs job `name` on a cron schedule (pg-boss keeps one schedule per name across every
 * instance, so the job is made once per tick however many processes call this).
 */
export async function scheduleJob(name: string, cron: string): Promise<void> {
  const boss = await jobQueue();
  await ensureQueue(boss, name);
  await boss.schedule(name, cron, {}, { tz: "UTC" });
}

/** Whether this process has started its queue (the app has; scripts and most tests have not). */
export function jobQueueStarted(): boolean {
  return state.runsheetBoss !== undefined;
}
