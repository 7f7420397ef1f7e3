import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BusyError } from "@/lib/errors";
import { inRunQueue } from "@/lib/runs/run-queue";

describe("inRunQueue", () => {
  it("runs one change of a run at a time, in the order they came", async () => {
    const runId = randomUUID();
    const order: string[] = [];
    let inside = 0;
    const change = (name: string) =>
      inRunQueue(runId, 10, async () => {
        inside++;
        expect(inside).toBe(1);
        await new Promise((r) => setImmediate(r));
        order.push(name);
        inside--;
      });
    await Promise.all(["a", "b", "c", "d"].map(change));
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("lets changes of other runs through while one run is busy", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const busyRun = randomUUID();
    const first = inRunQueue(busyRun, 10, () => held);
    await expect(inRunQueue(randomUUID(), 10, async () => "other run")).resolves.toBe("other run");
    release();
    await first;
  });

  it("gives up with a BusyError when the run's queue stands still, and the queue goes on after", async () => {
    const runId = randomUUID();
    let release!: () => void;
    const stuck = inRunQueue(runId, 10, () => new Promise<void>((r) => (release = r)), 200);
    const waiter = inRunQueue(runId, 10, async () => "never", 200);
    await expect(waiter).rejects.toBeInstanceOf(BusyError);
    await expect(waiter).rejects.toThrow(/did not move/);
    release();
    await stuck;
    await expect(inRunQueue(runId, 10, async () => "next")).resolves.toBe("next");
  });

  it("a failing change passes the turn on", async () => {
    const runId = randomUUID();
    const failing = inRunQueue(runId, 10, async () => {
      throw new Error("refused");
    });
    const next = inRunQueue(runId, 10, async () => "ran");
    await expect(failing).rejects.toThrow("refused");
    await expect(next).resolves.toBe("ran");
  });
});
