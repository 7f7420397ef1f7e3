import { describe, expect, it } from "vitest";
import {
  desiredMaintenance,
  MAINTENANCE_WORDS,
  type MaintenanceInput,
} from "@/lib/maintenance/desired-maintenance";

const base: MaintenanceInput = {
  runNumber: 7,
  title: "Promote Changeset v4.3 To Production",
  windowStart: new Date("2026-12-10T22:00:00Z"),
  windowEnd: null,
  result: null,
  backoff: "open",
  closed: false,
  now: new Date("2026-12-01T00:00:00Z"),
};
const status = (over: Partial<MaintenanceInput>) => {
  const d = desiredMaintenance({ ...base, ...over });
  return d && [d.status, d.body];
};

describe("what the maintenance should say", () => {
  it("is scheduled for the window (two hours when it has no end), then in progress from its start", () => {
    const d = desiredMaintenance(base)!;
    expect(d).toMatchObject({
      name: "Maintenance: #7 Promote Changeset v4.3 To Production",
      status: "scheduled",
      scheduledFor: "2026-12-10T22:00:00.000Z",
      scheduledUntil: "2026-12-11T00:00:00.000Z",
    });
    expect(status({ now: new Date("2026-12-10T21:59:59Z") })?.[0]).toBe("scheduled");
    expect(status({ now: new Date("2026-12-10T22:00:00Z") })).toEqual([
      "in_progress",
      MAINTENANCE_WORDS.inProgress,
    ]);
  });
  it("is completed with the words of the result", () => {
    expect(status({ result: "SUCCEEDED" })).toEqual(["completed", MAINTENANCE_WORDS.succeeded]);
    expect(status({ result: "NO GO" })).toEqual(["completed", MAINTENANCE_WORDS.noGo]);
    expect(status({ result: "FAILED" })).toEqual(["in_progress", MAINTENANCE_WORDS.rollingBack]);
    expect(status({ result: "FAILED", backoff: "done" })).toEqual([
      "completed",
      MAINTENANCE_WORDS.rolledBack,
    ]);
    expect(status({ result: "FAILED", backoff: "none" })?.[0]).toBe("in_progress");
    expect(status({ result: "FAILED", backoff: "none", closed: true })?.[0]).toBe("completed");
  });
  it("is nothing without a window", () => {
    expect(desiredMaintenance({ ...base, windowStart: null })).toBeNull();
  });
});
