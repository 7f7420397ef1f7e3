import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, GoneError, NotFoundError, ValidationError } from "@/lib/errors";
import { createRun } from "@/lib/runs/create-run";
import { acknowledgeAsUser } from "@/lib/acks/acknowledge-as-user";
import { acknowledgeByToken } from "@/lib/acks/acknowledge-by-token";
import { addSubscriber } from "@/lib/acks/add-subscriber";
import { getAckByToken } from "@/lib/acks/get-ack-by-token";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { getSubscriberLink } from "@/lib/acks/get-subscriber-link";
import { removeSubscriber } from "@/lib/acks/remove-subscriber";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { hashSecretToken } from "@/lib/security/secret-token";
import { makeUser, SEED_SLUG } from "@/test/fixtures";
import {
  AUDITORS,
  eventsOf,
  expectRejection,
  runWithSubscribers,
  subscribersOf,
  TEAM,
  tokenOf,
} from "@/test/ack-fixtures";

let operator: Actor;
let auditor: Actor;
let listener: Actor;

beforeAll(async () => {
  [operator, auditor, listener] = await Promise.all([
    makeUser("operator"),
    makeUser("auditor"),
    makeUser("subscriber"),
  ]);
});

/** A run with one outside subscriber, and a working link for them. */
async function runWithLink() {
  const run = await runWithSubscribers(operator, { [AUDITORS]: "Lena Listener <lena@example.test>" });
  const [sub] = await subscribersOf(run.id);
  const { url } = await getSubscriberLink({ actor: operator, runId: run.id, subscriberId: sub!.id });
  return { run, sub: sub!, token: tokenOf(url), url };
}

function closeRun(runId: string) {
  return db().run.update({ where: { id: runId }, data: { status: "closed", closedAt: new Date() } });
}

describe("starting a run with acknowledgement lists", () => {
  it("resolves @handles to users and emails to outside people, each with a subscriber.added event", async () => {
    const run = await runWithSubscribers(operator, {
      [AUDITORS]: `@${auditor.handle}, Lena Listener <LENA@example.test>, ops@example.test`,
      [TEAM]: `@${listener.handle.toUpperCase()}; @${auditor.handle}`,
    });
    const rows = await subscribersOf(run.id);
    const view = rows.map((r) => [r.groupKey, r.groupName, r.name, r.email, r.userId]);
    expect(view).toEqual(
      expect.arrayContaining([
        [AUDITORS, "Auditors / Listeners", auditor.name, expect.stringContaining("@test.local"), auditor.id],
        [AUDITORS, "Auditors / Listeners", "Lena Listener", "lena@example.test", null],
        [AUDITORS, "Auditors / Listeners", "ops", "ops@example.test", null],
        [TEAM, "Changeset Team Acknowledgements", listener.name, expect.any(String), listener.id],
        [TEAM, "Changeset Team Acknowledgements", auditor.name, expect.any(String), auditor.id],
      ]),
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r).toMatchObject({ acknowledgedAt: null, notifiedAt: null, removedAt: null });
      expect(r.createdAt.getTime()).toBe(run.createdAt.getTime());
    }

    const events = await eventsOf(run.id);
    expect(events[0]!.action).toBe("run.created");
    const added = events.filter((e) => e.action === "subscriber.added");
    expect(added).toHaveLength(5);
    expect(added.map((e) => (e.payload as { subscriberId: string }).subscriberId).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
    expect(added.every((e) => e.actorId === operator.id)).toBe(true);
  });

  it("refuses an unknown @handle, naming its group, and stores nothing", async () => {
    const before = await db().run.count();
    const error = await expectRejection(
      runWithSubscribers(operator, {
        [AUDITORS]: "ok@example.test",
        [TEAM]: "@nobody-here-at-all, not an email",
      }),
      ValidationError,
    );
    expect(error.message).toBe("Check the acknowledgement lists: Changeset Team Acknowledgements.");
    expect(error.fieldErrors).toEqual({
      [`subscribers.${TEAM}`]: [
        "Changeset Team Acknowledgements: Not an email or @handle: not an email",
        "Changeset Team Acknowledgements: No active user with handle @nobody-here-at-all",
      ],
    });
    expect(await db().run.count()).toBe(before);
  });

  it("keeps a person once per group", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "a@example.test, A <A@example.test>" });
    expect((await subscribersOf(run.id)).map((r) => r.email)).toEqual(["a@example.test"]);
  });

  it("starts a run without lists as before", async () => {
    const run = await createRun({
      actor: operator,
      templateSlug: SEED_SLUG,
      fields: { promotionDate: "2026-12-01", changesetVersion: "4.3" },
    });
    expect(await subscribersOf(run.id)).toEqual([]);
  });
});

describe("links", () => {
  it("are stored only as a SHA-256 hash: the token appears nowhere in the database", async () => {
    const { run, sub, token } = await runWithLink();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db().runSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.tokenHash).toBe(hashSecretToken(token));
    expect(row.tokenHash).not.toBe(sub.tokenHash);
    expect(JSON.stringify(row)).not.toContain(token);
    // Every row of the subscriber and audit tables, as PostgreSQL prints it.
    const [found] = await db().$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM run_subscribers s WHERE position(${token} in s::text) > 0)
           + (SELECT count(*) FROM audit_events e WHERE position(${token} in e::text) > 0) AS n`;
    expect(Number(found!.n)).toBe(0);
    const events = await eventsOf(run.id);

    const issued = events.filter((e) => e.action === "subscriber.link_issued");
    expect(issued.map((e) => [e.actorId, e.payload])).toEqual([
      [operator.id, { subscriberId: sub.id, group: AUDITORS }],
    ]);
  });

  it("show the run's summary, the subscriber's name and group, and nothing else", async () => {
    const { run, token } = await runWithLink();
    const view = await getAckByToken(token);
    expect(view).toEqual({
      run: {
        number: run.number,
        title: "Promote Changeset v4.3 To Production",
        changesetVersion: "4.3",
        maintenanceWindow: null,
        templateName: expect.any(String),
        sections: 9,
        startedBy: operator.name,
        startedAt: run.createdAt.toISOString(),
      },
      subscriber: { name: "Lena Listener", groupName: "Auditors / Listeners" },
      acknowledgedAt: null,
    });
    expect(JSON.stringify(view)).not.toContain("lena@example.test");
  });

  it("acknowledge once: a second use keeps the first time and writes no second event", async () => {
    const { run, sub, token } = await runWithLink();
    const before = Date.now();
    const first = await acknowledgeByToken(token);
    const after = Date.now();
    const at = Date.parse(first.acknowledgedAt!);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    await new Promise((r) => setTimeout(r, 20));
    const second = await acknowledgeByToken(token);
    expect(second.acknowledgedAt).toBe(first.acknowledgedAt);
    const both = await Promise.all([acknowledgeByToken(token), acknowledgeByToken(token)]);
    expect(both.map((v) => v.acknowledgedAt)).toEqual([first.acknowledgedAt, first.acknowledgedAt]);

    const row = await db().runSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.acknowledgedAt!.toISOString()).toBe(first.acknowledgedAt);
    expect(row.acknowledgedVia).toBe("link");
    const acks = (await eventsOf(run.id)).filter((e) => e.action === "ack.recorded");
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({
      actorId: null,
      payload: { subscriberId: sub.id, group: AUDITORS, via: "link" },
    });
    expect(acks[0]!.createdAt.toISOString()).toBe(first.acknowledgedAt);
    expect((await getAckByToken(token)).acknowledgedAt).toBe(first.acknowledgedAt);
  });

  it("refuse a tampered token as not valid, changing nothing", async () => {
    const { run, sub, token } = await runWithLink();
    const last = token.at(-1) === "A" ? "B" : "A";
    for (const bad of [token.slice(0, -1) + last, token.slice(1), token + "x", "", "../../etc/passwd"]) {
      const error = await expectRejection(acknowledgeByToken(bad), NotFoundError);
      expect(error.message).toBe("This link is not valid.");
      await expectRejection(getAckByToken(bad), NotFoundError);
    }
    expect((await db().runSubscriber.findUniqueOrThrow({ where: { id: sub.id } })).acknowledgedAt).toBeNull();
    expect((await eventsOf(run.id)).filter((e) => e.action === "ack.recorded")).toHaveLength(0);
  });

  it("stop working when a new link is issued", async () => {
    const { run, sub, token: old } = await runWithLink();
    const { url } = await getSubscriberLink({ actor: operator, runId: run.id, subscriberId: sub.id });
    const fresh = tokenOf(url);
    expect(fresh).not.toBe(old);
    await expectRejection(acknowledgeByToken(old), NotFoundError);
    expect((await acknowledgeByToken(fresh)).acknowledgedAt).not.toBeNull();
  });

  it("stop working when the subscriber is removed, and removal is audited and soft", async () => {
    const { run, sub, token } = await runWithLink();
    const { removedAt } = await removeSubscriber({ actor: operator, runId: run.id, subscriberId: sub.id });
    const error = await expectRejection(acknowledgeByToken(token), NotFoundError);
    expect(error.message).toBe("This link is not valid.");
    const row = await db().runSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.removedAt!.toISOString()).toBe(removedAt);
    expect(row.acknowledgedAt).toBeNull();
    const removed = (await eventsOf(run.id)).filter((e) => e.action === "subscriber.removed");
    expect(removed.map((e) => [e.actorId, e.payload])).toEqual([
      [operator.id, { subscriberId: sub.id, group: AUDITORS, email: "lena@example.test" }],
    ]);
    // Gone from the roster, and may be added again.
    expect((await getAckRoster({ actor: operator, run: run.id })).groups[0]!.subscribers).toEqual([]);
    await expectRejection(
      removeSubscriber({ actor: operator, runId: run.id, subscriberId: sub.id }),
      NotFoundError,
    );
    await addSubscriber({ actor: operator, runId: run.id, groupKey: AUDITORS, who: "lena@example.test" });
    expect(
      (await getAckRoster({ actor: operator, run: run.id })).groups[0]!.subscribers.map((s) => s.email),
    ).toEqual(["lena@example.test"]);
  });

  it("expire with a closed run, and a closed run refuses every change to its list", async () => {
    const { run, sub, token } = await runWithLink();
    await closeRun(run.id);
    const expired = await expectRejection(acknowledgeByToken(token), GoneError);
    expect(expired.message).toBe("This run is closed; the link has expired.");
    await expectRejection(getAckByToken(token), GoneError);

    const ref = { runId: run.id, subscriberId: sub.id };
    const closed = `Run #${run.number} is closed; it can no longer change.`;
    for (const attempt of [
      () => getSubscriberLink({ actor: operator, ...ref }),
      () => removeSubscriber({ actor: operator, ...ref }),
      () => addSubscriber({ actor: operator, runId: run.id, groupKey: AUDITORS, who: "late@example.test" }),
      () => sendAckRequests({ actor: operator, runId: run.id, onlyPending: true }),
    ]) {
      const error = await expectRejection(attempt(), DomainError);
      expect(error.message).toBe(closed);
    }
    const row = await db().runSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row).toMatchObject({ acknowledgedAt: null, removedAt: null, tokenHash: hashSecretToken(token) });
    expect((await eventsOf(run.id)).at(-1)!.action).toBe("subscriber.link_issued");
  });
});

describe("acknowledging while signed in", () => {
  it("records the user's own subscription once, via signed_in", async () => {
    const run = await runWithSubscribers(operator, { [TEAM]: `@${listener.handle}` });
    const [sub] = await subscribersOf(run.id);
    const first = await acknowledgeAsUser({ actor: listener, runId: run.id, subscriberId: sub!.id });
    const again = await acknowledgeAsUser({ actor: listener, runId: run.id, subscriberId: sub!.id });
    expect(again.acknowledgedAt).toBe(first.acknowledgedAt);
    const acks = (await eventsOf(run.id)).filter((e) => e.action === "ack.recorded");
    expect(acks.map((e) => [e.actorId, e.payload])).toEqual([
      [listener.id, { subscriberId: sub!.id, group: TEAM, via: "signed_in" }],
    ]);
  });

  it("refuses someone else's subscription, even an operator's attempt", async () => {
    const run = await runWithSubscribers(operator, {
      [AUDITORS]: `@${auditor.handle}, outsider@example.test`,
    });
    const [mine, outsider] = await subscribersOf(run.id).then((rows) =>
      [auditor.id, null].map((id) => rows.find((r) => r.userId === id)!),
    );
    for (const [actor, sub] of [
      [operator, mine],
      [auditor, outsider],
    ] as const) {
      const error = await expectRejection(
        acknowledgeAsUser({ actor, runId: run.id, subscriberId: sub!.id }),
        ForbiddenError,
      );
      expect(error.message).toBe("You can only acknowledge your own subscription.");
    }
    // A subscriber who may not read this run is not told the subscription exists.
    await expectRejection(
      acknowledgeAsUser({ actor: listener, runId: run.id, subscriberId: mine!.id }),
      NotFoundError,
    );
    // A subscriber id from another run is not found on this one.
    const other = await runWithSubscribers(operator, { [AUDITORS]: `@${auditor.handle}` });
    const [foreign] = await subscribersOf(other.id);
    await expectRejection(
      acknowledgeAsUser({ actor: auditor, runId: run.id, subscriberId: foreign!.id }),
      NotFoundError,
    );
    expect((await subscribersOf(run.id)).every((r) => r.acknowledgedAt === null)).toBe(true);
    expect((await eventsOf(run.id)).some((e) => e.action === "ack.recorded")).toBe(false);
  });

  it("lets an auditor acknowledge their own subscription, but not add, remove or issue links", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: `@${auditor.handle}` });
    const [sub] = await subscribersOf(run.id);
    const ref = { runId: run.id, subscriberId: sub!.id };
    const total = await db().auditEvent.count();
    await expectRejection(
      addSubscriber({ actor: auditor, runId: run.id, groupKey: AUDITORS, who: "friend@example.test" }),
      ForbiddenError,
    );
    await expectRejection(removeSubscriber({ actor: auditor, ...ref }), ForbiddenError);
    await expectRejection(getSubscriberLink({ actor: auditor, ...ref }), ForbiddenError);
    await expectRejection(
      sendAckRequests({ actor: auditor, runId: run.id, onlyPending: false }),
      ForbiddenError,
    );
    expect(await db().auditEvent.count()).toBe(total);

    const { acknowledgedAt } = await acknowledgeAsUser({ actor: auditor, ...ref });
    const roster = await getAckRoster({ actor: auditor, run: run.id });
    expect(roster.canManage).toBe(false);
    expect(roster.groups[0]!.subscribers).toEqual([
      expect.objectContaining({
        id: sub!.id,
        mine: true,
        email: null,
        acknowledgedAt,
        acknowledgedVia: "signed_in",
      }),
    ]);
  });

  it("refuses a closed run", async () => {
    const run = await runWithSubscribers(operator, { [TEAM]: `@${listener.handle}` });
    const [sub] = await subscribersOf(run.id);
    await closeRun(run.id);
    await expectRejection(
      acknowledgeAsUser({ actor: listener, runId: run.id, subscriberId: sub!.id }),
      DomainError,
    );
    expect((await subscribersOf(run.id))[0]!.acknowledgedAt).toBeNull();
  });
});

describe("the roster", () => {
  it("groups subscribers under every template group, emails for operators only", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "lena@example.test" });
    const forOperator = await getAckRoster({ actor: operator, run: { number: run.number } });
    expect(forOperator).toMatchObject({ runId: run.id, number: run.number, status: "open", canManage: true });
    expect(forOperator.groups.map((g) => [g.key, g.name, g.subscribers.length])).toEqual([
      [AUDITORS, "Auditors / Listeners", 1],
      [TEAM, "Changeset Team Acknowledgements", 0],
    ]);
    expect(forOperator.groups[0]!.subscribers[0]).toMatchObject({
      name: "lena",
      email: "lena@example.test",
      mine: false,
      acknowledgedAt: null,
    });
    const forAuditor = await getAckRoster({ actor: auditor, run: run.id });
    expect(forAuditor.groups[0]!.subscribers[0]!.email).toBeNull();
  });

  it("adds people to a group and refuses duplicates, unknown groups and unknown handles", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "lena@example.test" });
    const { added } = await addSubscriber({
      actor: operator,
      runId: run.id,
      groupKey: TEAM,
      who: `@${listener.handle}, Ops Desk <ops@example.test>`,
    });
    expect(added.map((a) => a.name)).toEqual([listener.name, "Ops Desk"]);
    const duplicate = await expectRejection(
      addSubscriber({ actor: operator, runId: run.id, groupKey: AUDITORS, who: "LENA@example.test" }),
      ValidationError,
    );
    expect(duplicate.message).toBe("Auditors / Listeners: already on the list: lena@example.test");
    await expectRejection(
      addSubscriber({ actor: operator, runId: run.id, groupKey: "no-such-group", who: "x@example.test" }),
      ValidationError,
    );
    const unknown = await expectRejection(
      addSubscriber({ actor: operator, runId: run.id, groupKey: AUDITORS, who: "@nobody-here-at-all" }),
      ValidationError,
    );
    expect(unknown.fieldErrors).toEqual({
      [`subscribers.${AUDITORS}`]: ["Auditors / Listeners: No active user with handle @nobody-here-at-all"],
    });
    expect(await subscribersOf(run.id)).toHaveLength(3);
  });
});
