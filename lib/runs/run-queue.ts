import "server-only";
import { BusyError } from "@/lib/errors";

/**
 * Where a change waits for its turn before it asks PostgreSQL for anything.
 *
 * Changes to one run are serialised by the run's advisory lock. Waiting for that lock while
 * holding a pooled connection let one busy run starve every other run of connections, and
 * queued changes then failed on the pool's, the transaction's or the lock's time limit. So
 * within a process a change first waits here, in memory: for its run's turn (one change per
 * run at a time), then for one of the transaction slots, of which there are fewer than pooled
 * connections, so that reads (sessions, pages, stale-version checks) always find one. Across
 * processes the advisory lock still decides; each process holds at most one connection
 * waiting on it per run.
 *
 * A queue that moves is healthy however long it is (two hundred people ticking one run on a
 * busy machine); a queue that has not moved for STALL_MS is stuck behind something (a hung
 * transaction), and its waiters give up with a BusyError saying so.
 */

/** How long a queue may stand still before its waiters give up. */
export const STALL_MS = 15_000;

class Lane {
  private readonly waiters: (() => void)[] = [];
  private active = 0;
  private lastMove = Date.now();
  constructor(private readonly capacity: number) {}

  get idle() {
    return this.active === 0 && this.waiters.length === 0;
  }

  /** Resolves with a release function when it is this caller's turn; rejects when the lane stalls. */
  enter(what: string, stallMs: number): Promise<() => void> {
    if (this.active < this.capacity && this.waiters.length === 0) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout>;
      const turn = () => {
        clearTimeout(timer);
        this.active++;
        resolve(this.releaser());
      };
      const check = () => {
        const still = Date.now() - this.lastMove;
        if (still < stallMs) {
          timer = setTimeout(check, stallMs - still);
          return;
        }
        this.waiters.splice(this.waiters.indexOf(turn), 1);
        reject(
          new BusyError(
            `The change waited for ${what}, which did not move for ${Math.round(stallMs / 1000)} s, and was not saved. Try again.`,
          ),
        );
      };
      timer = setTimeout(check, stallMs);
      this.waiters.push(turn);
    });
  }

  private releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.lastMove = Date.now();
      this.waiters.shift()?.();
    };
  }
}

const runs = new Map<string, Lane>();
let slots: Lane | undefined;

/** Runs `fn` when it is this change's turn on its run and a transaction slot is free. */
export async function inRunQueue<T>(
  runId: string,
  poolMax: number,
  fn: () => Promise<T>,
  stallMs = STALL_MS,
): Promise<T> {
  let lane = runs.get(runId);
  if (!lane) runs.set(runId, (lane = new Lane(1)));
  try {
    const leaveRun = await lane.enter("the changes before it on this run", stallMs);
    try {
      slots ??= new Lane(Math.max(1, poolMax - 2));
      const leaveSlot = await slots.enter("a free database connection", stallMs);
      try {
        return await fn();
      } finally {
        leaveSlot();
      }
    } finally {
      leaveRun();
    }
  } finally {
    if (lane.idle) runs.delete(runId);
  }
}
