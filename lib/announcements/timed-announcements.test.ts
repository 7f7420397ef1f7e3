import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { skipItem } from "@/lib/runs/skip-item";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { sendNotification } from "@/lib/notify/send-notification";
import { confirmTimedAnnouncement } from "@/lib/announcements/confirm-timed-announcement";
import { fireDueTimedAnnouncements } from "@/lib/announcements/fire-timed-announcements";
import { setTimedAnnouncementMode } from "@/lib/announcements/timed-announcement-setting";
import { makeSeedRun, SEED_SLUG, windowAhead } from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import { startNotifyHarness, until, type NotifyHarness } from "@/test/notify-harness";

let harness: NotifyHarness;
let operator: Actor;
let admin: Actor;

beforeAll(async () => {
  harness = await startNotifyHarness({ addresses: ["watch@example.test"], httpTimeoutMs: 1500 });
  ({ operator, admin } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

const PHASE_2 = "phase-2-prechange-commencement-notice";
const clockAt =
  (d: Date, plusMs = 0) =>
  () =>
    new Date(d.getTime() + plusMs);

/** A seed run at Phase 2 with a window two days ahead, the template set to `mode`. */
async function timedRun(mode: "confirm" | "auto", opts: { reachPhase2?: boolean } = {}) {
  await makeSeedRun(operator); // imports the template before it is configured
  await setTimedAnnouncementMode({ actor: admin, templateSlug: SEED_SLUG, mode });
  const run = await makeSeedRun(operator, { changesetVersion: `6.${Math.floor(Math.random() * 1e6)}` });
  if (opts.reachPhase2 ?? true) await completeUpTo(operator, run.id, PHASE_2);
  const window = windowAhead();
  await setRunWindow({ actor: operator, runId: run.id, ...window });
  const notice = await db().runItem.findFirstOrThrow({
    // The announcement itself (item 1), not one of its channel items, which are notify items too.
    where: { runId: run.id, kind: "notify", path: "1", section: { key: PHASE_2 } },
  });
  const row = await db().runTimedAnnouncement.findUniqueOrThrow({ where: { itemId: notice.id } });
  return { run, notice, row, windowStart: new Date(`${window.start}:00Z`) };
}

const eventsOf = (runId: string, action: string) =>
  db().auditEvent.findMany({ where: { runId, action }, orderBy: { seq: "asc" } });
const delivered = (runId: string) =>
  until("three deliveries", async () => {
    const rows = await db().notification.findMany({ where: { runId } });
    return rows.length === 3 && rows.every((r) => r.status === "delivered") && rows;
  });

describe("timed announcements", () => {
  it("at its time asks the responsible person for a one-click confirm; the evidence says who confirmed", async () => {
    const { run, notice, row, windowStart } = await timedRun("confirm");
    // "1 minute before change": due a minute before the window opens.
    expect(row).toMatchObject({ mode: "confirm", status: "pending" });
    expect(row.fireAt.getTime()).toBe(windowStart.getTime() - 60_000);

    expect(await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt, -1000) })).toEqual([]);
    const fired = await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt) });
    expect(fired).toEqual([{ id: row.id, itemId: notice.id, status: "due" }]);
    expect(await db().notification.count({ where: { runId: run.id } })).toBe(0);
    const mail = await harness.smtp.waitFor((m) => m.text.includes(`#item-${notice.id}`));
    expect(mail.to).toEqual([`${operator.handle}@test.local`]);
    expect(mail.subject).toMatch(/^Due: confirm sending/);
    const [asked] = await eventsOf(run.id, "announcement.confirm_requested");
    expect(asked!.payload).toMatchObject({ asked: [operator.handle] });
    // A repeated wake-up does not ask again.
    expect(await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt, 5000) })).toEqual([]);

    const view = await confirmTimedAnnouncement({ actor: operator, runId: run.id, itemId: notice.id });
    expect(view).toMatchObject({
      status: "sent",
      sentHow: "confirmed",
      confirmedBy: { handle: operator.handle },
    });
    await delivered(run.id);
    const [confirmed] = await eventsOf(run.id, "announcement.confirmed");
    expect(confirmed).toMatchObject({ actorId: operator.id, itemId: notice.id });
    const [requested] = await eventsOf(run.id, "notification.requested");
    expect(requested).toMatchObject({
      actorId: operator.id,
      payload: expect.objectContaining({ timed: "confirmed" }),
    });
    // A second click changes nothing.
    await confirmTimedAnnouncement({ actor: operator, runId: run.id, itemId: notice.id });
    expect(await eventsOf(run.id, "announcement.confirmed")).toHaveLength(1);
  });

  it("with auto-send, goes out on its own at its time and says so", async () => {
    const { run, notice, row } = await timedRun("auto");
    const fired = await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt) });
    expect(fired).toEqual([{ id: row.id, itemId: notice.id, status: "sent" }]);
    await delivered(run.id);
    expect(await db().runTimedAnnouncement.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "sent",
      sentHow: "automatic",
      confirmedById: null,
      sentAt: row.fireAt,
    });
    const [auto] = await eventsOf(run.id, "announcement.sent_automatically");
    expect(auto).toMatchObject({ actorId: null, itemId: notice.id });
    const [requested] = await eventsOf(run.id, "notification.requested");
    expect(requested!.payload).toMatchObject({ timed: "automatic" });
  });

  it("with auto-send, asks for a confirm instead when it cannot go yet, and says why", async () => {
    const { run, notice, row } = await timedRun("auto", { reachPhase2: false });
    const fired = await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt) });
    expect(fired).toEqual([{ id: row.id, itemId: notice.id, status: "due" }]);
    expect(await db().notification.count({ where: { runId: run.id } })).toBe(0);
    const [asked] = await eventsOf(run.id, "announcement.confirm_requested");
    expect(asked!.payload).toMatchObject({ notSentBecause: expect.stringMatching(/.+/) });
    const mail = await harness.smtp.waitFor((m) => m.text.includes(`#item-${notice.id}`));
    expect(mail.text).toContain("It could not go out on its own:");
  });

  it("moves when the window moves: the old time does nothing, the new one fires", async () => {
    const { run, row, windowStart } = await timedRun("confirm");
    const later = new Date(windowStart.getTime() + 86_400_000);
    await setRunWindow({
      actor: operator,
      runId: run.id,
      start: later.toISOString().slice(0, 16),
      timeZone: "UTC",
    });
    const moved = await db().runTimedAnnouncement.findUniqueOrThrow({ where: { id: row.id } });
    expect(moved).toMatchObject({ status: "pending" });
    expect(moved.fireAt.getTime()).toBe(later.getTime() - 60_000);
    expect(await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(row.fireAt, 1000) })).toEqual([]);
    expect(await fireDueTimedAnnouncements({ runId: run.id, clock: clockAt(moved.fireAt) })).toHaveLength(1);
  });

  it("is cancelled when the announcement was sent by hand, or skipped, before its time", async () => {
    const sentByHand = await timedRun("auto");
    await sendNotification({ actor: operator, runId: sentByHand.run.id, itemId: sentByHand.notice.id });
    await delivered(sentByHand.run.id);
    const at = clockAt(sentByHand.row.fireAt);
    expect(await fireDueTimedAnnouncements({ runId: sentByHand.run.id, clock: at })).toEqual([]);
    expect(
      await db().runTimedAnnouncement.findUniqueOrThrow({ where: { id: sentByHand.row.id } }),
    ).toMatchObject({
      status: "cancelled",
      reason: "the announcement is done",
    });
    expect(await db().notification.count({ where: { runId: sentByHand.run.id } })).toBe(3);

    const skipped = await timedRun("auto");
    await skipItem({
      actor: operator,
      runId: skipped.run.id,
      itemId: skipped.notice.id,
      version: skipped.notice.version,
      reason: "Announced on the bridge call instead",
    });
    expect(
      await fireDueTimedAnnouncements({ runId: skipped.run.id, clock: clockAt(skipped.row.fireAt) }),
    ).toEqual([]);
    expect(
      await db().runTimedAnnouncement.findUniqueOrThrow({ where: { id: skipped.row.id } }),
    ).toMatchObject({
      status: "cancelled",
      reason: "the announcement is skipped or not taken",
    });
    expect(await db().notification.count({ where: { runId: skipped.run.id } })).toBe(0);
  });

  it("a confirm before its time, or a mode that is not one, is refused and stores nothing", async () => {
    const { run, notice } = await timedRun("confirm");
    await expect(
      confirmTimedAnnouncement({ actor: operator, runId: run.id, itemId: notice.id }),
    ).rejects.toThrow("This announcement is not due yet");
    const bad = setTimedAnnouncementMode({
      actor: admin,
      templateSlug: SEED_SLUG,
      mode: "sometimes" as "auto",
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ fieldErrors: { mode: [expect.any(String)] } });
    expect(await db().notification.count({ where: { runId: run.id } })).toBe(0);
  });
});
