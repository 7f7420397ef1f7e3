import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf, expectRejection, runRow } from "@/test/assertions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/errors";
import { recordItem } from "@/lib/runs/record-item";
import { skipItem } from "@/lib/runs/skip-item";
import { tickItem } from "@/lib/runs/tick-item";
import { makeFlowRun, makeUser, runItemAt, SEED_SECTIONS as S } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import { FUTURE_WINDOW } from "@/test/change-window";

const PHASE2 = "phase-2-prechange-commencement-notice";

let operator: Actor;

beforeAll(async () => {
  operator = await makeUser("operator");
});

describe("recording the maintenance window (Pre-Flight 2)", () => {
  it("takes a local time in a time zone: sets the run's window (UTC) and the field, and ticks the item", async () => {
    const run = await makeFlowRun(operator);
    const item = await runItemAt(run.id, S.preFlight, "2");
    expect(item).toMatchObject({
      kind: "record",
      spec: expect.objectContaining({ recordField: "maintenanceWindowDateTime" }),
    });
    expect((await runRow(run.id)).windowStart).toBeNull();

    const view = await recordItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      value: " 2026-12-01T22:00 ",
      timeZone: "Europe/Berlin",
    });
    expect(view).toMatchObject({ state: "done", doneBy: { id: operator.id }, elapsedMs: 0, version: 1 });

    const stored = await runRow(run.id);
    // 22:00 in Berlin in December (CET, UTC+1) is 21:00 UTC.
    expect(stored.windowStart!.toISOString()).toBe("2026-12-01T21:00:00.000Z");
    expect(stored.windowTimeZone).toBe("Europe/Berlin");
    expect(stored.fields).toMatchObject({ maintenanceWindowDateTime: "2026-12-01T21:00:00.000Z" });

    const last = (await eventsOf(run.id)).at(-1)!;
    expect(last).toMatchObject({ action: "item.recorded", itemId: item.id, actorId: operator.id });
    expect(last.payload).toEqual({
      path: "2",
      version: 1,
      field: "maintenanceWindowDateTime",
      value: "2026-12-01T21:00:00.000Z",
      windowStart: "2026-12-01T21:00:00.000Z",
    });
  });

  it("reads a time without a zone in the run's own zone (UTC by default)", async () => {
    const run = await makeFlowRun(operator);
    const item = await runItemAt(run.id, S.preFlight, "2");
    await recordItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      value: "2026-07-01T22:00",
    });
    const stored = await runRow(run.id);
    expect(stored.windowStart!.toISOString()).toBe("2026-07-01T22:00:00.000Z");
    expect(stored.windowTimeZone).toBe("UTC");
  });

  it("refuses a value that is not a date and time, naming the field, and changes nothing", async () => {
    const run = await makeFlowRun(operator);
    const item = await runItemAt(run.id, S.preFlight, "2");
    const events = (await eventsOf(run.id)).length;
    for (const value of ["next tuesday evening", ""]) {
      const error = await expectRejection(
        recordItem({
          actor: operator,
          runId: run.id,
          itemId: item.id,
          version: 0,
          value,
          timeZone: "Europe/Berlin",
        }),
        ValidationError,
      );
      expect(error.message).toBe("Maintenance window date time: Use a date and time, e.g. 2026-12-01T22:00Z");
      expect(error.fieldErrors).toEqual({ value: ["Use a date and time, e.g. 2026-12-01T22:00Z"] });
    }
    expect(await runItemAt(run.id, S.preFlight, "2")).toEqual(item);
    const stored = await runRow(run.id);
    expect(stored.windowStart).toBeNull();
    expect(stored.fields).not.toHaveProperty("maintenanceWindowDateTime");
    expect(await eventsOf(run.id)).toHaveLength(events);
  });

  it("cannot be ticked without its value", async () => {
    const run = await makeFlowRun(operator);
    for (const [section, path] of [
      [S.preFlight, "2"],
      [S.phase3, "2.1"],
    ] as const) {
      const item = await runItemAt(run.id, section, path);
      const error = await expectRejection(
        tickItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, done: true }),
        DomainError,
      );
      expect(error.message).toBe("Record the value this item asks for instead of ticking it.");
      expect(await runItemAt(run.id, section, path)).toEqual(item);
    }
  });
});

describe("recording other values", () => {
  it("records the container version (Phase 3 2.1) into its field", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, S.phase3);
    const item = await runItemAt(run.id, S.phase3, "2.1");
    const blank = await expectRejection(
      recordItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, value: "   " }),
      ValidationError,
    );
    expect(blank.message).toBe("New container version: Enter a value");

    await recordItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      value: "andromeda:4.3.0-17",
    });
    const stored = await runRow(run.id);
    expect(stored.fields).toMatchObject({ newContainerVersion: "andromeda:4.3.0-17" });
    // The window is the one recorded in Pre-Flight; this value does not move it.
    expect(stored.windowStart?.toISOString()).toBe(`${FUTURE_WINDOW}:00.000Z`);
    expect(await runItemAt(run.id, S.phase3, "2.1")).toMatchObject({ state: "done", doneById: operator.id });

    const again = await expectRejection(
      recordItem({
        actor: operator,
        runId: run.id,
        itemId: item.id,
        version: 1,
        value: "andromeda:4.3.0-18",
      }),
      DomainError,
    );
    expect(again.message).toBe("This item is not open.");
    expect((await runRow(run.id)).fields).toMatchObject({ newContainerVersion: "andromeda:4.3.0-17" });
  });

  it("refuses items that do not record a value, and an auditor", async () => {
    const run = await makeFlowRun(operator);
    const eventsBefore = (await eventsOf(run.id)).length;
    const auditor = await makeUser("auditor");
    for (const [section, path] of [
      [S.preFlight, "1"],
      [S.go, "5"],
    ] as const) {
      const item = await runItemAt(run.id, section, path);
      const error = await expectRejection(
        recordItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, value: "SUCCEEDED" }),
        DomainError,
      );
      expect(error.message).toBe("This item does not record a value.");
    }
    const window = await runItemAt(run.id, S.preFlight, "2");
    await expectRejection(
      recordItem({ actor: auditor, runId: run.id, itemId: window.id, version: 0, value: "2026-12-01T22:00" }),
      ForbiddenError,
    );
    expect((await runRow(run.id)).result).toBeNull();
    expect(await eventsOf(run.id)).toHaveLength(eventsBefore);
  });
});

describe("skipping", () => {
  it("needs a reason", async () => {
    const run = await makeFlowRun(operator);
    const eventsBefore = (await eventsOf(run.id)).length;
    const item = await runItemAt(run.id, S.wrapUp, "2");
    const error = await expectRejection(
      skipItem({ actor: operator, runId: run.id, itemId: item.id, version: 0, reason: "  " }),
      ValidationError,
    );
    expect(error.fieldErrors).toEqual({ reason: ["Required"] });
    expect(await runItemAt(run.id, S.wrapUp, "2")).toEqual(item);
    expect(await eventsOf(run.id)).toHaveLength(eventsBefore);
  });

  it("skips the item and its open descendants with the reason, leaving done ones done", async () => {
    const run = await makeFlowRun(operator);
    await completeUpTo(operator, run.id, PHASE2);
    const slack = await runItemAt(run.id, PHASE2, "1.2");
    await tickItem({ actor: operator, runId: run.id, itemId: slack.id, version: 0, done: true });
    const item = await runItemAt(run.id, PHASE2, "1");

    const view = await skipItem({
      actor: operator,
      runId: run.id,
      itemId: item.id,
      version: 0,
      reason: " Announced by the release manager ",
    });
    expect(view).toMatchObject({ state: "skipped", note: "Announced by the release manager", version: 1 });

    const items = await db().runItem.findMany({
      where: { runId: run.id, section: { key: PHASE2 } },
      orderBy: { position: "asc" },
    });
    expect(items.map((i) => [i.path, i.state, i.note])).toEqual([
      ["1", "skipped", "Announced by the release manager"],
      ["1.1", "skipped", "Announced by the release manager"],
      ["1.2", "done", null],
      ["1.3", "skipped", "Announced by the release manager"],
    ]);
    const last = (await eventsOf(run.id)).at(-1)!;
    expect(last).toMatchObject({ action: "item.skipped", itemId: item.id });
    const { alsoSkipped, ...payload } = last.payload as { alsoSkipped: string[] };
    expect(payload).toEqual({ path: "1", version: 1, reason: "Announced by the release manager" });
    expect([...alsoSkipped].sort()).toEqual(["1.1", "1.3"]);

    const again = await expectRejection(
      skipItem({ actor: operator, runId: run.id, itemId: item.id, version: 1, reason: "again" }),
      DomainError,
    );
    expect(again.message).toBe("Only an open item can be skipped.");
  });

  it("refuses to skip the decision", async () => {
    const run = await makeFlowRun(operator);
    const decision = await runItemAt(run.id, S.phase4, "2");
    const error = await expectRejection(
      skipItem({ actor: operator, runId: run.id, itemId: decision.id, version: 0, reason: "not needed" }),
      DomainError,
    );
    expect(error.message).toBe("The decision cannot be skipped.");
    expect((await runItemAt(run.id, S.phase4, "2")).state).toBe("open");
  });
});
