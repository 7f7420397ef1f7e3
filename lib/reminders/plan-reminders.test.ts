import { describe, expect, it } from "vitest";
import { defaultLeadMinutes, leadTimeProblem } from "@/lib/reminders/lead-time";
import { DEFAULT_POLICY, planReminders, type PlanInput } from "@/lib/reminders/plan-reminders";

const W = new Date("2026-12-10T22:00:00Z");
const base: PlanInput = {
  runOpen: true,
  windowStart: W,
  timeZone: "UTC",
  sections: [
    { id: "a", key: "pre", offsetMinutes: -5 * 1440, openItems: 2 },
    { id: "b", key: "prep", offsetMinutes: -240, openItems: 1 },
    { id: "c", key: "notice", offsetMinutes: -1, openItems: 1 },
    { id: "d", key: "after", offsetMinutes: null, openItems: 3 },
  ],
  policy: DEFAULT_POLICY,
  now: new Date("2026-12-01T00:00:00Z"),
};
const at = (plan: ReturnType<typeof planReminders>, id: string, kind: string) =>
  plan.find((p) => p.sectionId === id && p.kind === kind);

describe("default lead times", () => {
  it("suit the offset", () => {
    expect(defaultLeadMinutes(-5 * 1440)).toBe(1440);
    expect(defaultLeadMinutes(-240)).toBe(30);
    expect(defaultLeadMinutes(-1)).toBe(1);
    expect(defaultLeadMinutes(-30)).toBe(15);
    expect(defaultLeadMinutes(0)).toBe(15);
  });
  it("refuse a lead time longer than the offset, with the reason", () => {
    expect(leadTimeProblem(-1, 30)).toBe("The lead time 30m is longer than the phase's offset T-1m.");
    expect(leadTimeProblem(-240, 0)).toMatch(/at least 1/);
    expect(leadTimeProblem(-240, 240)).toBeNull();
  });
});

describe("planReminders", () => {
  it("plans a lead reminder and an escalation per timed phase", () => {
    const plan = planReminders(base);
    expect(plan).toHaveLength(6);
    expect(at(plan, "a", "lead")?.fireAt.toISOString()).toBe("2026-12-04T22:00:00.000Z");
    expect(at(plan, "b", "lead")?.fireAt.toISOString()).toBe("2026-12-10T17:30:00.000Z");
    expect(at(plan, "b", "overdue")?.fireAt.toISOString()).toBe("2026-12-10T18:15:00.000Z");
    expect(at(plan, "c", "lead")?.fireAt.toISOString()).toBe("2026-12-10T21:58:00.000Z");
    expect(plan.some((p) => p.sectionId === "d")).toBe(false);
  });
  it("takes the template's lead times and margin", () => {
    const plan = planReminders({ ...base, policy: { leadMinutes: { prep: 60 }, overdueMarginMinutes: 5 } });
    expect(at(plan, "b", "lead")?.fireAt.toISOString()).toBe("2026-12-10T17:00:00.000Z");
    expect(at(plan, "b", "overdue")?.fireAt.toISOString()).toBe("2026-12-10T18:05:00.000Z");
  });
  it("wants nothing of a closed run, a finished phase, or a lead for a phase already due", () => {
    expect(planReminders({ ...base, runOpen: false }).every((p) => p.notWanted === "the run is closed")).toBe(
      true,
    );
    const done = planReminders({ ...base, sections: [{ ...base.sections[1]!, openItems: 0 }] });
    expect(done.every((p) => p.notWanted === "the phase's items are done or skipped")).toBe(true);
    const late = planReminders({ ...base, now: new Date("2026-12-10T19:00:00Z") });
    expect(at(late, "b", "lead")?.notWanted).toBe("the phase was already due");
    expect(at(late, "b", "overdue")?.notWanted).toBeNull();
    expect(planReminders({ ...base, windowStart: null })).toEqual([]);
  });
  it("counts whole days in the window's zone across a daylight-saving change", () => {
    const plan = planReminders({
      ...base,
      windowStart: new Date("2026-03-31T20:00:00Z"), // 22:00 in Berlin (summer time)
      timeZone: "Europe/Berlin",
    });
    // Five days before is 22:00 Berlin winter time, 21:00 UTC; the reminder a day earlier.
    expect(at(plan, "a", "lead")?.dueAt.toISOString()).toBe("2026-03-26T21:00:00.000Z");
    expect(at(plan, "a", "lead")?.fireAt.toISOString()).toBe("2026-03-25T21:00:00.000Z");
  });
});
