import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { makeUser } from "@/test/fixtures";
import { AUDITORS, eventsOf, runWithSubscribers, subscribersOf } from "@/test/ack-fixtures";

// Read before any test touches the environment: this file is about SMTP_URL being unset.
delete process.env.SMTP_URL;

let operator: Actor;

beforeAll(async () => {
  operator = await makeUser("operator");
});

describe("without SMTP_URL", () => {
  it("sends nothing, says so on each subscriber, and leaves their links alone", async () => {
    const run = await runWithSubscribers(operator, { [AUDITORS]: "lena@example.test, ops@example.test" });
    const before = await subscribersOf(run.id);
    const result = await sendAckRequests({ actor: operator, runId: run.id, onlyPending: true });
    expect(result).toEqual({
      requested: 2,
      sent: 0,
      failed: before.map((s) => ({ subscriberId: s.id, name: s.name, error: "SMTP is not configured" })),
    });
    const after = await subscribersOf(run.id);
    for (const [i, row] of after.entries()) {
      expect(row).toMatchObject({ notifiedAt: null, notifyError: "SMTP is not configured" });
      expect(row.tokenHash).toBe(before[i]!.tokenHash);
    }
    const roster = await getAckRoster({ actor: operator, run: run.id });
    expect(roster.mailConfigured).toBe(false);
    expect(roster.groups[0]!.subscribers.map((s) => s.notifyError)).toEqual([
      "SMTP is not configured",
      "SMTP is not configured",
    ]);
    const requested = (await eventsOf(run.id)).filter((e) => e.action === "ack.requested");
    expect(requested.map((e) => e.payload)).toEqual([
      { subscriberIds: before.map((s) => s.id), onlyPending: true, mail: "not_configured" },
    ]);
  });
});
