import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { acknowledgeByToken } from "@/lib/acks/acknowledge-by-token";
import { NotFoundError } from "@/lib/errors";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { hashSecretToken } from "@/lib/security/secret-token";
import { makeUser } from "@/test/fixtures";
import {
  AUDITORS,
  eventsOf,
  expectRejection,
  runWithSubscribers,
  subscribersOf,
  TEAM,
  tokenOf,
} from "@/test/ack-fixtures";
import { startSmtpCapture, type SmtpCapture } from "@/test/smtp-capture";

const APP_URL = "https://runsheet.example.test";
let smtp: SmtpCapture;
let operator: Actor;
const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };

// The environment is read once per process, so the capture server must be up before anything asks.
beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = APP_URL;
  operator = await makeUser("operator");
});

afterAll(async () => {
  await smtp?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const linkIn = (text: string) => {
  const match = new RegExp(`${APP_URL.replace(/\./g, "\\.")}/ack/[A-Za-z0-9_-]{43}`).exec(text);
  if (!match) throw new Error(`no acknowledgement link in:\n${text}`);
  return match[0];
};

describe("acknowledgement requests by email", () => {
  it("deliver a personal link over SMTP that acknowledges when followed", async () => {
    const run = await runWithSubscribers(
      operator,
      { [AUDITORS]: "Lena Listener <lena@example.test>", [TEAM]: "team@example.test" },
      { changesetVersion: "4.8" },
    );
    const result = await sendAckRequests({ actor: operator, runId: run.id, onlyPending: false });
    expect(result).toEqual({ requested: 2, sent: 2, failed: [] });

    const mail = await smtp.waitFor((m) => m.to.includes("lena@example.test"));
    expect(mail.subject).toBe("Please acknowledge: Promote Changeset v4.8 To Production");
    expect(mail.from).toBe("runsheet@tests.example");
    expect(mail.text).toContain("Hello Lena Listener,");
    expect(mail.text).toContain(`Run: #${run.number} Promote Changeset v4.8 To Production`);
    expect(mail.text).toContain("Changeset version: 4.8");
    expect(mail.text).toContain("sections");
    expect(mail.text).toContain(`Started by: ${operator.name}`);
    expect(mail.text).toContain("Your list: Auditors / Listeners");
    const link = linkIn(mail.text);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain("Promote Changeset v4.8 To Production");

    const rows = await subscribersOf(run.id);
    const lena = rows.find((r) => r.email === "lena@example.test")!;
    expect(lena.tokenHash).toBe(hashSecretToken(tokenOf(link)));
    expect(lena.notifiedAt).not.toBeNull();
    expect(lena.notifyError).toBeNull();
    // Each person gets their own link.
    const team = await smtp.waitFor((m) => m.to.includes("team@example.test"));
    expect(linkIn(team.text)).not.toBe(link);

    const view = await acknowledgeByToken(tokenOf(link));
    expect(view.subscriber).toEqual({ name: "Lena Listener", groupName: "Auditors / Listeners" });
    expect(
      (await db().runSubscriber.findUniqueOrThrow({ where: { id: lena.id } })).acknowledgedAt,
    ).not.toBeNull();

    const requested = (await eventsOf(run.id)).filter((e) => e.action === "ack.requested");
    expect(requested.map((e) => [e.actorId, e.payload])).toEqual([
      [operator.id, { subscriberIds: rows.map((r) => r.id), onlyPending: false, mail: "smtp" }],
    ]);
  });

  it("remind only those who have not acknowledged, replacing their earlier links", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "early@example.test, late@example.test" });
    await sendAckRequests({ actor: operator, runId: run.id, onlyPending: false });
    const first = await smtp.waitFor((m) => m.to.includes("early@example.test"));
    const lateFirst = await smtp.waitFor((m) => m.to.includes("late@example.test"));
    await acknowledgeByToken(tokenOf(linkIn(first.text)));

    const before = smtp.messages.length;
    expect(await sendAckRequests({ actor: operator, runId: run.id, onlyPending: true })).toEqual({
      requested: 1,
      sent: 1,
      failed: [],
    });
    const reminder = await smtp.waitFor(
      (m) => m.to.includes("late@example.test") && smtp.messages.indexOf(m) >= before,
    );
    expect(smtp.messages.slice(before).flatMap((m) => m.to)).toEqual(["late@example.test"]);
    await expectRejection(acknowledgeByToken(tokenOf(linkIn(lateFirst.text))), NotFoundError);
    await acknowledgeByToken(tokenOf(linkIn(reminder.text)));

    expect(await sendAckRequests({ actor: operator, runId: run.id, onlyPending: true })).toEqual({
      requested: 0,
      sent: 0,
      failed: [],
    });
    expect((await eventsOf(run.id)).filter((e) => e.action === "ack.requested")).toHaveLength(2);
  });

  it("record the server's refusal on the subscriber, report it, and still send to the others", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "nobody@refused.test, ok@example.test" });
    const [refused, ok] = await subscribersOf(run.id).then((rows) =>
      ["nobody@refused.test", "ok@example.test"].map((e) => rows.find((r) => r.email === e)!),
    );
    const result = await sendAckRequests({ actor: operator, runId: run.id, onlyPending: true });
    expect(result).toEqual({
      requested: 2,
      sent: 1,
      failed: [
        {
          subscriberId: refused!.id,
          name: "nobody",
          error: expect.stringMatching(/550 Mailbox unavailable/),
        },
      ],
    });
    await smtp.waitFor((m) => m.to.includes("ok@example.test") && m.subject.includes("Promote"));
    const rows = await subscribersOf(run.id);
    expect(rows.find((r) => r.id === refused!.id)).toMatchObject({
      notifiedAt: null,
      notifyError: expect.stringMatching(/550 Mailbox unavailable/),
    });
    expect(rows.find((r) => r.id === ok!.id)).toMatchObject({
      notifyError: null,
      notifiedAt: expect.any(Date),
    });
    const roster = await getAckRoster({ actor: operator, run: run.id });
    expect(roster.mailConfigured).toBe(true);
    expect(roster.groups[0]!.subscribers.find((s) => s.id === refused!.id)!.notifyError).toMatch(/550/);
  });
});
