import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { db } from "@/lib/db";
import { GoneError, NotFoundError, ValidationError } from "@/lib/errors";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { dueTime } from "@/lib/runs/schedule";
import { runCalendar } from "@/lib/calendar/run-calendar";
import {
  createCalendarFeed,
  FEED_REVOKED,
  readCalendarFeed,
  revokeCalendarFeed,
} from "@/lib/calendar/calendar-feeds";
import { GET as feedRoute } from "@/app/calendar/[token]/route";
import { makeSeedRun, makeUser } from "@/test/fixtures";

/** Parses with ical.js, as a calendar client would; throws on a file it cannot read. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      alarms: v.getAllSubcomponents("valarm").map((a) => ({
        action: a.getFirstPropertyValue("action"),
        trigger: (a.getFirstPropertyValue("trigger") as ICAL.Time).toJSDate().toISOString(),
        description: a.getFirstPropertyValue("description"),
      })),
    };
  });
}

const tokenOf = (url: string) => /\/calendar\/([^/]+)\.ics$/.exec(url)![1]!;

describe("a run's .ics", () => {
  it("is its window, with an alarm at each timed phase's due time", async () => {
    const operator = await makeUser("operator");
    const run = await makeSeedRun(operator);
    await expect(runCalendar({ actor: operator, number: run.number })).rejects.toThrow(
      new ValidationError("This run has no maintenance window yet: set one to get a calendar event."),
    );
    await setRunWindow({
      actor: operator,
      runId: run.id,
      start: "2026-12-10T23:00",
      end: "2026-12-11T01:30",
      timeZone: "Europe/Berlin",
    });
    const { filename, ics } = await runCalendar({ actor: operator, number: run.number });
    expect(filename).toBe(`run-${run.number}.ics`);
    const [event, ...more] = events(ics);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      uid: `run-${run.id}@runsheet`,
      summary: `#${run.number} ${run.title}`,
      start: "2026-12-10T22:00:00.000Z",
      end: "2026-12-11T00:30:00.000Z",
    });
    const sections = await db().runSection.findMany({
      where: { runId: run.id, offsetMinutes: { not: null } },
      orderBy: { position: "asc" },
    });
    expect(event!.alarms).toEqual(
      sections.map((s) => ({
        action: "DISPLAY",
        trigger: dueTime(new Date("2026-12-10T22:00:00Z"), s.offsetMinutes!, "Europe/Berlin").toISOString(),
        description: `#${run.number} ${s.title}`,
      })),
    );
    expect(event!.alarms[0]!.trigger).toBe("2026-12-05T22:00:00.000Z"); // Pre-Flight, five days before
  });

  it("is not given to someone who may not read the run", async () => {
    const operator = await makeUser("operator");
    const run = await makeSeedRun(operator);
    await expect(
      runCalendar({ actor: await makeUser("subscriber"), number: run.number }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a person's calendar feed", () => {
  it("lists the upcoming runs they are part of, and stops when revoked", async () => {
    const me = await makeUser("operator");
    const other = await makeUser("operator");
    const mine = await makeSeedRun(me);
    await setRunWindow({ actor: me, runId: mine.id, start: "2027-01-10T22:00", timeZone: "UTC" });
    const theirs = await makeSeedRun(other);
    await setRunWindow({ actor: other, runId: theirs.id, start: "2027-01-11T22:00", timeZone: "UTC" });

    const { url } = await createCalendarFeed({ actor: me });
    const token = tokenOf(url);
    expect(await db().calendarFeed.count({ where: { tokenHash: token } })).toBe(0); // only its hash is kept
    const listed = events(await readCalendarFeed(token, new Date("2026-12-01T00:00:00Z")));
    expect(listed.map((e) => e.uid)).toContain(`run-${mine.id}@runsheet`);
    expect(listed.map((e) => e.uid)).not.toContain(`run-${theirs.id}@runsheet`);
    // Once its window is over, a run leaves the feed.
    expect(
      events(await readCalendarFeed(token, new Date("2027-01-11T00:00:00Z"))).map((e) => e.uid),
    ).not.toContain(`run-${mine.id}@runsheet`);

    await revokeCalendarFeed({ actor: me });
    await expect(readCalendarFeed(token)).rejects.toThrow(new GoneError(FEED_REVOKED));
    const answer = await feedRoute(new Request(url), { params: Promise.resolve({ token: `${token}.ics` }) });
    expect(answer.status).toBe(410);
    expect(await answer.json()).toMatchObject({ error: FEED_REVOKED, code: "gone" });
  });

  it("is replaced by a new URL, which ends the old one; an unknown URL is 404", async () => {
    const me = await makeUser("auditor");
    const first = tokenOf((await createCalendarFeed({ actor: me })).url);
    const second = tokenOf((await createCalendarFeed({ actor: me })).url);
    await expect(readCalendarFeed(first)).rejects.toBeInstanceOf(GoneError);
    expect(events(await readCalendarFeed(second))).toEqual([]);
    const unknown = await feedRoute(new Request("http://x/calendar/nope.ics"), {
      params: Promise.resolve({ token: "A".repeat(43) + ".ics" }),
    });
    expect(unknown.status).toBe(404);
  });
});
