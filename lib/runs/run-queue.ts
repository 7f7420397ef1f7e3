import "server-only";
import {
  E_TIMEOUT,
  Mutex,
  Semaphore,
  withTimeout,
  type MutexInterface,
  type SemaphoreInterface,
} from "async-mutex";
import { BusyError } from "@/lib/errors";

/**
 * Where a change waits for its turn before it asks PostgreSQL for anything.
 *
 * Changes to one run are serialised by the run's advisory lock. Waiting for that lock
 * while holding a pooled connection let one busy run starve every other run of
 * connections, and queued changes then failed on the pool's, the transaction's or the
 * lock's time limit. So within a process a change first waits here, in memory: for its
 * run's turn (one change per run at a time), then for one of the transaction slots, of
 * which there are fewer than pooled connections, so that reads (sessions, pages,
 * stale-version checks) always find one. Across processes the advisory lock still decides;
 * each process holds at most one connection waiting on it per run.
 */

/** How long a change may wait here in all; far beyond any healthy queue. */
export const RUN_QUEUE_WAIT_MS = 20_000;

const runs = new Map<string, { mutex: MutexInterface; users: number }>();
let slots: SemaphoreInterface | undefined;

function transactionSlots(poolMax: number): SemaphoreInterface {
  slots ??= new Semaphore(Math.max(1, poolMax - 2));
  return slots;
}

function busy(what: string, waitedMs: number) {
  return new BusyError(
    `The change waited more than ${Math.round(waitedMs / 1000)} s for ${what} and was not saved. Try again.`,
  );
}

/** Runs `fn` when it is this change's turn on its run and a transaction slot is free. */
export async function inRunQueue<T>(
  runId: string,
  poolMax: number,
  fn: () => Promise<T>,
  waitMs = RUN_QUEUE_WAIT_MS,
): Promise<T> {
  const begun = Date.now();
  let entry = runs.get(runId);
  if (!entry) {
    entry = { mutex: new Mutex(), users: 0 };
    runs.set(runId, entry);
  }
  entry.users++;
  try {
    const releaseRun = await acquire(
      withTimeout(entry.mutex, waitMs),
      "the changes before it on this run",
      waitMs,
    );
    try {
      const left = Math.max(1, waitMs - (Date.now() - begun));
      const slot = withTimeout(transactionSlots(poolMax), left);
      const [, releaseSlot] = await acquire(slot, "a free database connection", waitMs);
      try {
        return await fn();
      } finally {
        releaseSlot();
      }
    } finally {
      (releaseRun as MutexInterface.Releaser)();
    }
  } finally {
    if (--entry.users === 0) runs.delete(runId);
  }
}

async function acquire<R>(lock: { acquire(): Promise<R> }, what: string, waitMs: number): Promise<R> {
  try {
    return await lock.acquire();
  } catch (err) {
    if (err === E_TIMEOUT) throw busy(what, waitMs);
    throw err;
  }
}
