import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { awsClients } from "@/lib/aws/clients";
import { awsConfig } from "@/lib/aws/config";
import { stepContextFor } from "@/lib/aws/step-context";
import type { Evidence, StepIo } from "@/lib/aws/steps/step";
import { recordFailure, recordSuccess } from "@/lib/aws/record-outcome";

/** Polls in a row that may fail (throttled past the SDK's retries, a blip) before the step gives up. */
const POLL_ERRORS_TOLERATED = 5;

// Executions this process is driving; the database row is the truth, this only avoids doubles.
const state = globalThis as unknown as {
  runsheetAutomations?: Map<string, Promise<void>>;
  runsheetAutomationGen?: number;
};
const running = () => (state.runsheetAutomations ??= new Map());
const generation = () => state.runsheetAutomationGen ?? 0;

/** This process stopped driving the execution (a restart, in tests); its row stays as it was. */
class Abandoned extends Error {}

/**
 * Drives one execution from its row: submits the step unless its evidence shows it was
 * submitted, then monitors it and records the outcome. Safe to call again after a restart.
 */
export function launchExecution(id: string): Promise<void> {
  const existing = running().get(id);
  if (existing) return existing;
  const gen = generation();
  const promise = execute(id, gen)
    .catch((err: unknown) => {
      if (!(err instanceof Abandoned)) console.error(`automation ${id} could not be driven`, err);
    })
    .finally(() => {
      if (running().get(id) === promise) running().delete(id);
    });
  running().set(id, promise);
  return promise;
}

/** Resolves when this process has finished driving the execution (at once when it is not). */
export function executionSettled(id: string): Promise<void> {
  return running().get(id) ?? Promise.resolve();
}

/** Stops driving every execution without touching their rows, as a crash would. */
export function abandonExecutions() {
  state.runsheetAutomationGen = generation() + 1;
  running().clear();
}

/** Called at startup: picks up executions a stopped process left queued or running. */
export async function resumeAutomations(): Promise<string[]> {
  const rows = await db().automationExecution.findMany({
    where: { dryRun: false, status: { in: ["queued", "running"] } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const r of rows) void launchExecution(r.id);
  return rows.map((r) => r.id);
}

async function execute(id: string, gen: number) {
  const alive = () => {
    if (gen !== generation()) throw new Abandoned();
  };
  const ex = await db().automationExecution.findUnique({ where: { id } });
  if (!ex || ex.dryRun || (ex.status !== "queued" && ex.status !== "running")) return;
  const now = new Date();
  await db().automationExecution.update({
    where: { id },
    data: { status: "running", startedAt: ex.startedAt ?? now, updatedAt: now },
  });
  const started = { ...ex, startedAt: ex.startedAt ?? now };
  let evidence = (ex.evidence ?? {}) as Evidence;
  try {
    const run = await db().run.findUniqueOrThrow({ where: { id: ex.runId } });
    const item = await db().runItem.findUniqueOrThrow({ where: { id: ex.itemId } });
    const { step, ctx } = stepContextFor(run, item, ex.id);
    // The stack confirmed at the start is the one acted on, even if the run's field changed since.
    ctx.blueStackId = (ex.plan as { blueStackId: string }).blueStackId;
    const config = awsConfig();
    const io: StepIo = {
      clients: awsClients(config),
      save: async (e) => {
        alive();
        evidence = e;
        await db().automationExecution.updateMany({
          where: { id, status: "running" },
          data: { evidence: e as object, updatedAt: new Date() },
        });
      },
      poll: async (check) => {
        const deadline = Date.now() + config.AWS_MONITOR_TIMEOUT_MS;
        let errors = 0;
        for (;;) {
          alive();
          try {
            const done = await check();
            if (done !== undefined) return done;
            errors = 0;
          } catch (err) {
            if (!isTransient(err) || ++errors >= POLL_ERRORS_TOLERATED) throw err;
          }
          alive();
          if (Date.now() > deadline)
            throw new Error(
              `Still not finished after ${Math.round(config.AWS_MONITOR_TIMEOUT_MS / 60_000)} minutes.`,
            );
          await sleep(config.AWS_POLL_INTERVAL_MS);
        }
      },
    };
    if (!evidence.submittedAt) await io.save(await step.submit(ctx, io));
    const final = await step.monitor(ctx, io, evidence);
    alive();
    await recordSuccess(started, final);
  } catch (err) {
    if (err instanceof Abandoned || gen !== generation()) throw new Abandoned();
    await recordFailure(started, err, evidence);
  }
}

/** Throttling, 5xx and timeouts that outlasted the SDK's own retries; anything else ends the step. */
function isTransient(err: unknown) {
  const e = err as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown; name?: string };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || status === 429 || !!e.$retryable || /Throttl|Timeout/i.test(e.name ?? "");
}
