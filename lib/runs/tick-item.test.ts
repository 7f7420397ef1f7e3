import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeSeedRun, makeUser } from "@/test/fixtures";
import { tickItem } from "@/lib/runs/tick-item";
import { ConflictError } from "@/lib/errors";

describe("tickItem", () => {
  it("lets exactly one of 50 concurrent ticks of one item win, with one audit event", async () => {
    const actors = await Promise.all(Array.from({ length: 5 }, () => makeUser("operator")));
    const run = await makeSeedRun(actors[0]!);
    const item = await db().runItem.findFirstOrThrow({
      where: { runId: run.id },
      orderBy: { position: "asc" },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) =>
        tickItem({
          actor: actors[n % 5]!,
          runId: run.id,
          itemId: item.id,
          version: item.version,
          done: true,
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
    const events = await db().auditEvent.findMany({ where: { itemId: item.id, action: "item.ticked" } });
    expect(events).toHaveLength(1);
    const stored = await db().runItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.version).toBe(item.version + 1);
    expect(stored.doneById).toBe(events[0]!.actorId);
  });
});
