import { describe, expect, it } from "vitest";
import { actionError } from "@/lib/actions/run-action";
import { db } from "@/lib/db";
import { createChildRun } from "@/lib/runs/create-child-run";
import { makeFlowRun, makeUser, runItemAt, SEED_SECTIONS as S } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";

describe("ten concurrent 'create child run' clicks", () => {
  it("make one child run; every other click gets the winner's refusal or a conflict, never 'internal'", async () => {
    const operator = await makeUser("operator");
    const run = await makeFlowRun(operator);
    // The link item opens once the phases before it are done.
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    // What each server action call answers: its result, or its error as runAction maps it.
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        createChildRun({ actor: operator, runId: run.id, itemId: link.id }).then(
          (data) => ({ ok: true as const, data }),
          (err: unknown) => actionError(err),
        ),
      ),
    );
    const codes = results.map((r) => (r.ok ? "ok" : r.code));
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c !== "ok" && c !== "conflict" && c !== "invalid")).toEqual([]);
    expect(await db().run.count({ where: { parentItemId: link.id } })).toBe(1);
  });
});
