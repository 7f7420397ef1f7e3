import { describe, expect, it } from "vitest";
import { dueTime, missionClock, scheduleSections } from "@/lib/runs/schedule";
import { parseTemplate } from "@/lib/templates/parse-template";
import { readFileSync } from "node:fs";
import { SEED_PATH } from "@/test/fixtures";

const seed = parseTemplate(readFileSync(SEED_PATH, "utf8"));
const seedSections = seed.sections.map((s) => ({ id: s.key, offsetMinutes: s.offset?.minutes ?? null }));

describe("due times from the seed's offsets", () => {
  const windowStart = new Date("2026-12-01T22:00:00Z");
  const schedule = scheduleSections(seedSections, {
    windowStart,
    now: new Date("2026-11-01T00:00:00Z"),
    isComplete: () => false,
  });
  const dueOf = (key: string) => schedule.find((s) => s.id === key)!.dueAt;

  it("places each timed section at its offset from the window", () => {
    expect(dueOf("pre-flight")).toBe("2026-11-26T22:00:00.000Z"); // 5 Days Before
    expect(dueOf("phase-1-change-preparation")).toBe("2026-12-01T18:00:00.000Z"); // T-4hrs
    expect(dueOf("phase-2-prechange-commencement-notice")).toBe("2026-12-01T21:59:00.000Z"); // 1 minute before
    expect(dueOf("phase-3-begin-rolling-container-updates")).toBe("2026-12-01T21:59:00.000Z");
  });

  it("lets sections without an offset follow the one before them", () => {
    for (const key of [
      "phase-4-test-blue-stack-and-make-go-no-go-decision",
      "phase-5-go-decision",
      "phase-6-closing-out-this-issue",
    ]) {
      expect(dueOf(key)).toBe("2026-12-01T21:59:00.000Z");
    }
  });

  it("has no due times before the window is known", () => {
    const none = scheduleSections(seedSections, {
      windowStart: null,
      now: new Date(),
      isComplete: () => false,
    });
    expect(none.every((s) => s.dueAt === null && s.timing === null)).toBe(true);
  });
});

describe("timing of sections", () => {
  const sections = [
    { id: "a", offsetMinutes: -240 },
    { id: "b", offsetMinutes: -1 },
    { id: "c", offsetMinutes: null },
  ];
  const windowStart = new Date("2026-12-01T22:00:00Z");
  const at = (iso: string, complete: string[] = []) =>
    Object.fromEntries(
      scheduleSections(sections, {
        windowStart,
        now: new Date(iso),
        isComplete: (id) => complete.includes(id),
      }).map((s) => [s.id, s.timing]),
    );

  it("is upcoming before its time, due in its slot, overdue once the next section is due", () => {
    expect(at("2026-12-01T17:00:00Z")).toEqual({ a: "upcoming", b: "upcoming", c: "upcoming" });
    expect(at("2026-12-01T19:00:00Z")).toEqual({ a: "due", b: "upcoming", c: "upcoming" });
    expect(at("2026-12-01T21:59:30Z")).toEqual({ a: "overdue", b: "due", c: "due" });
    expect(at("2026-12-01T21:59:30Z", ["a"])).toEqual({ a: "done", b: "due", c: "due" });
  });
});

describe("daylight-saving changes", () => {
  it("keeps whole-day offsets on the same local time across the change (Europe/Berlin, 2026-10-25)", () => {
    // Window: Tuesday 27 October 2026, 22:00 in Berlin (CET, UTC+1) = 21:00Z.
    const windowStart = new Date("2026-10-27T21:00:00Z");
    const due = dueTime(windowStart, -5 * 24 * 60, "Europe/Berlin");
    // Five days earlier is Thursday 22 October, 22:00 in Berlin (CEST, UTC+2) = 20:00Z: 121 hours before.
    expect(due.toISOString()).toBe("2026-10-22T20:00:00.000Z");
    expect((windowStart.getTime() - due.getTime()) / 3_600_000).toBe(121);
  });

  it("counts hour offsets as elapsed time across the change (America/New_York, 2026-03-08)", () => {
    // Window: 8 March 2026 04:00 EDT = 08:00Z; clocks jumped from 02:00 to 03:00 that night.
    const windowStart = new Date("2026-03-08T08:00:00Z");
    expect(dueTime(windowStart, -4 * 60, "America/New_York").toISOString()).toBe("2026-03-08T04:00:00.000Z");
    expect(dueTime(windowStart, -1 * 24 * 60, "America/New_York").toISOString()).toBe(
      "2026-03-07T09:00:00.000Z",
    );
  });
});

describe("the mission clock", () => {
  const w = new Date("2026-12-01T22:00:00Z");
  it("counts down before the window and up after it", () => {
    expect(missionClock(w, new Date("2026-12-01T17:56:59Z"))).toBe("T-4h 03m");
    expect(missionClock(w, new Date("2026-12-01T21:59:30Z"))).toBe("T-0m 30s");
    expect(missionClock(w, new Date("2026-12-01T22:12:30Z"))).toBe("T+12m 30s");
    expect(missionClock(w, new Date("2026-11-26T21:00:00Z"))).toBe("T-5d 1h 00m");
  });
});
