import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { awsClients } from "@/lib/aws/clients";
import { awsConfig } from "@/lib/aws/config";
import { claimExecution, renewLease } from "@/lib/aws/execution-lease";
import { stepContextFor, withHistory } from "@/lib/aws/step-context";
import type { Evidence, StepIo } from "@/lib/aws/steps/step";
import { recordFailure, recordSuccess } from "@/lib/aws/record-outcome";

/** Polls in a row that may fail (throttled past the SDK's retries, a blip) before the step gives up. */
const POLL_ERRORS_TOLERATED = 5;

/** This executor stopped driving the execution (stopped, or its lease went to another instance); the row stays. */
class Abandoned extends Error {}

/**
 * Drives executions from their rows. Each instance of the app has one; an execution is driven
 * by the instance holding its lease (owner + expiry on the row, claimed with FOR UPDATE SKIP
 * LOCKED, renewed by a heartbeat). A stopped instance's lease expires and another instance's
 * sweep takes the execution over, continuing its monitoring from the row without resubmitting.
 */
export class AutomationExecutor {
  readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;
  private sweeper: NodeJS.Timeout | undefined;

  launch(id: string): Promise<void> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const promise = this.execute(id)
      .catch((err: unknown) => {
        if (!(err instanceof Abandoned)) console.error(`automation ${id} could not be driven`, err);
      })
      .finally(() => {
        if (this.running.get(id) === promise) this.running.delete(id);
      });
    this.running.set(id, promise);
    return promise;
  }

  settled(id: string): Promise<void> {
    return this.running.get(id) ?? Promise.resolve();
  }

  /** Claims and drives every queued or running execution whose lease is free or expired. */
  async resume(): Promise<string[]> {
    if (this.stopped) return [];
    const rows = await db().automationExecution.findMany({
      // Plain dry runs are written succeeded; a queued dry run is a rehearsal's, which ticks its item.
      where: { status: { in: ["queued", "running"] } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    for (const r of rows) void this.launch(r.id);
    return rows.map((r) => r.id);
  }

  /** Looks for executions a stopped instance left behind, every lease period. */
  startSweeping(): void {
    if (this.sweeper || this.stopped) return;
    const every = awsConfig().AWS_EXECUTION_LEASE_MS;
    this.sweeper = setInterval(() => {
      this.resume().catch((err: unknown) => console.error("automation sweep failed", err));
    }, every);
    this.sweeper.unref();
  }

  /** Stops driving every execution without touching their rows or leases, as a crash would. */
  stop(): void {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.running.clear();
  }

  private async execute(id: string) {
    const config = awsConfig();
    const leaseMs = config.AWS_EXECUTION_LEASE_MS;
    if (!(await claimExecution(id, this.owner, leaseMs))) return;
    let lost = false;
    const alive = () => {
      if (this.stopped || lost) throw new Abandoned();
    };
    // The heartbeat keeps the lease while the step waits on AWS; losing it hands the execution on.
    const heartbeat = setInterval(
      () => {
        if (this.stopped) return;
        renewLease(id, this.owner, leaseMs)
          .then((held) => {
            if (!held) lost = true;
          })
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      await this.drive(id, config, alive);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async drive(id: string, config: ReturnType<typeof awsConfig>, alive: () => void) {
    const ex = await db().automationExecution.findUniqueOrThrow({ where: { id } });
    const started = { ...ex, startedAt: ex.startedAt ?? new Date() };
    let evidence = (ex.evidence ?? {}) as Evidence;
    try {
      if (ex.dryRun) {
        // A rehearsal's dry run: no client is made and nothing is called; the item is ticked.
        const at = new Date().toISOString();
        await recordSuccess(started, { ...evidence, dryRun: true, submittedAt: at, completedAt: at });
        return;
      }
      const run = await db().run.findUniqueOrThrow({ where: { id: ex.runId } });
      const item = await db().runItem.findUniqueOrThrow({ where: { id: ex.itemId } });
      const { step, ctx } = stepContextFor(run, item, ex.id);
      await withHistory(ctx, ex.id);
      // The stack confirmed at the start is the one acted on, even if the run's field changed since.
      ctx.blueStackId = (ex.plan as { blueStackId: string }).blueStackId;
      const io: StepIo = {
        // The run's own target: a rehearsal's sandbox, never production's, whatever this process's settings.
        clients: awsClients(ctx.config),
        evidence: () => evidence,
        save: async (e) => {
          alive();
          const saved = await db().automationExecution.updateMany({
            where: { id, status: "running", leaseOwner: this.owner },
            data: { evidence: e as object, updatedAt: new Date() },
          });
          if (!saved.count) throw new Abandoned();
          evidence = e;
        },
        poll: async (check, opts) => {
          const timeoutMs = opts?.timeoutMs ?? config.AWS_MONITOR_TIMEOUT_MS;
          const deadline = Date.now() + timeoutMs;
          let errors = 0;
          for (;;) {
            alive();
            try {
              const done = await check();
              if (done !== undefined) return done;
              errors = 0;
            } catch (err) {
              if (err instanceof Abandoned || !isTransient(err) || ++errors >= POLL_ERRORS_TOLERATED)
                throw err;
            }
            alive();
            if (Date.now() > deadline)
              throw new Error(`Still not finished after ${Math.round(timeoutMs / 60_000)} minutes.`);
            await sleep(config.AWS_POLL_INTERVAL_MS);
          }
        },
      };
      if (!evidence.submittedAt) await io.save(await step.submit(ctx, io));
      const final = await step.monitor(ctx, io, evidence);
      alive();
      await recordSuccess(started, final);
    } catch (err) {
      if (err instanceof Abandoned) throw err;
      alive();
      await recordFailure(started, err, evidence);
    }
  }
}

// One executor per process (kept across hot reloads in development).
const state = globalThis as unknown as { runsheetExecutor?: AutomationExecutor };
const executor = () => (state.runsheetExecutor ??= new AutomationExecutor());

/** Drives one execution from its row; safe to call again after a restart. */
export const launchExecution = (id: string) => executor().launch(id);

/** Resolves when this process has finished driving the execution (at once when it is not). */
export const executionSettled = (id: string) => executor().settled(id);

/** Stops this process's executor without touching rows, as a crash would; the next call starts a new one. */
export function abandonExecutions() {
  state.runsheetExecutor?.stop();
  state.runsheetExecutor = undefined;
}

/** Called at startup: picks up executions a stopped process left, and keeps looking for them. */
export async function resumeAutomations(): Promise<string[]> {
  const ids = await executor().resume();
  executor().startSweeping();
  return ids;
}

/** Throttling, 5xx and timeouts that outlasted the SDK's own retries; anything else ends the step. */
function isTransient(err: unknown) {
  const e = err as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown; name?: string };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || status === 429 || !!e.$retryable || /Throttl|Timeout/i.test(e.name ?? "");
}
