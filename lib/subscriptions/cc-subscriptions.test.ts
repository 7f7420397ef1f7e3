import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { acknowledgeAsUser } from "@/lib/acks/acknowledge-as-user";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { createRun } from "@/lib/runs/create-run";
import { getRunView } from "@/lib/runs/get-run-view";
import { importTemplate } from "@/lib/templates/import-template";
import { informCcSubscribers } from "@/lib/subscriptions/inform-cc-subscribers";
import { setSubscriptionDelivery } from "@/lib/subscriptions/subscription-delivery";
import { AUDITORS } from "@/test/ack-fixtures";
import { makeUser, SEED_PATH } from "@/test/fixtures";
import { startNotifyHarness, type NotifyHarness } from "@/test/notify-harness";

let harness: NotifyHarness;
let operator: Actor;
let asked: Actor;
let copiedByEmail: Actor;
let copiedQuietly: Actor;
let slug: string;
const nobody = `nobody-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  harness = await startNotifyHarness({ addresses: ["watch@example.test"], httpTimeoutMs: 1500 });
  operator = harness.operator;
  [asked, copiedByEmail, copiedQuietly] = await Promise.all([
    makeUser("subscriber"),
    makeUser("subscriber"),
    makeUser("subscriber"),
  ]);
  // The seed with its /cc naming two people (a handle may be a team's shared account) and one nobody has.
  const markdown = readFileSync(SEED_PATH, "utf8").replace(
    /^\/cc .*$/m,
    `/cc @${copiedByEmail.handle} \`_REPLACE_WITH_ @${copiedQuietly.handle}\` @${nobody}`,
  );
  ({ slug } = await importTemplate({
    actor: "system",
    markdown,
    name: `Copied ${randomUUID().slice(0, 8)}`,
  }));
});

afterAll(async () => {
  await harness?.stop();
});

const startRun = () =>
  createRun({
    actor: operator,
    templateSlug: slug,
    fields: { promotionDate: "2026-12-01", changesetVersion: "4.3" },
    subscribers: { [AUDITORS]: `@${asked.handle}` },
  });

describe("/cc subscribers", () => {
  it("are informed, not asked: out of the acknowledgement roster and its counts; unknown handles reported", async () => {
    const run = await startRun();
    const rows = await db().runSubscriber.findMany({ where: { runId: run.id }, include: { user: true } });
    expect(rows.map((r) => [r.user?.handle, r.kind]).sort()).toEqual(
      [
        [asked.handle, "ack"],
        [copiedByEmail.handle, "cc"],
        [copiedQuietly.handle, "cc"],
      ].sort(),
    );
    const unresolved = await db().auditEvent.findFirstOrThrow({
      where: { runId: run.id, action: "run.cc_unresolved" },
    });
    expect(unresolved.payload).toEqual({ handles: [`@${nobody}`], reason: "no active user has this handle" });

    const roster = await getAckRoster({ actor: operator, run: run.id });
    const everyone = roster.groups.flatMap((g) => g.subscribers);
    expect(everyone.map((s) => s.handle)).toEqual([asked.handle]);
    expect(roster.copied.map((c) => c.handle).sort()).toEqual(
      [copiedByEmail.handle, copiedQuietly.handle].sort(),
    );
    expect(roster.ccUnknown).toEqual([`@${nobody}`]);

    const requests = await sendAckRequests({ actor: operator, runId: run.id, onlyPending: true });
    expect(requests).toMatchObject({ requested: 1, sent: 1 });
    const mine = (a: Actor) => harness.smtp.messages.filter((m) => m.to.includes(`${a.handle}@test.local`));
    expect(mine(copiedByEmail)).toEqual([]);
    expect(mine(copiedQuietly)).toEqual([]);
  });

  it("hear by email or not at all, as each chose; can read the run but have nothing to acknowledge", async () => {
    expect(await setSubscriptionDelivery({ actor: copiedQuietly, delivery: "none" })).toBe("none");
    const run = await startRun();
    const outcomes = await informCcSubscribers({ runId: run.id });
    expect(outcomes.map((o) => [o.handle, o.sent]).sort()).toEqual(
      [
        [copiedByEmail.handle, true],
        [copiedQuietly.handle, false],
      ].sort(),
    );
    const mail = await harness.smtp.waitFor(
      (m) => m.to.includes(`${copiedByEmail.handle}@test.local`) && m.subject.includes(`Run #${run.number}`),
    );
    expect(mail.subject).toBe(`Copied: Run #${run.number}: ${run.title}`);
    expect(mail.text).toContain("there is nothing to acknowledge");
    expect(harness.smtp.messages.filter((m) => m.to.includes(`${copiedQuietly.handle}@test.local`))).toEqual(
      [],
    );
    const quiet = await db().runSubscriber.findFirstOrThrow({
      where: { runId: run.id, userId: copiedQuietly.id },
    });
    expect(quiet).toMatchObject({ notifiedAt: null, notifyError: "chose no email" });
    // Told once: a second pass sends nothing.
    expect(await informCcSubscribers({ runId: run.id })).toEqual([]);
    expect(await db().auditEvent.count({ where: { runId: run.id, action: "cc.informed" } })).toBe(1);

    const view = await getRunView({ actor: copiedQuietly, number: run.number });
    expect(view.id).toBe(run.id);
    const ackRow = await db().runSubscriber.findFirstOrThrow({
      where: { runId: run.id, userId: copiedQuietly.id },
    });
    await expect(
      acknowledgeAsUser({ actor: copiedQuietly, runId: run.id, subscriberId: ackRow.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a delivery that is not one of the two is refused with its field, and nothing changes", async () => {
    const bad = setSubscriptionDelivery({ actor: copiedByEmail, delivery: "sms" as "email" });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ fieldErrors: { delivery: [expect.any(String)] } });
    const user = await db().user.findUniqueOrThrow({ where: { id: copiedByEmail.id } });
    expect(user.subscriptionDelivery).toBe("email");
  });
});
