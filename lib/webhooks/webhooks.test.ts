import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { tickItem } from "@/lib/runs/tick-item";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";
import { dispatchWebhooks, settledPrefix } from "@/lib/webhooks/dispatch-webhooks";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-webhook";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { SIGNATURE_HEADER, signPayload, verifySignature } from "@/lib/webhooks/signature";
import type { WebhookJob } from "@/lib/webhooks/webhook-job";
import { startFakeHttp, type FakeHttp } from "@/test/fakes/fake-http";
import { makeSeedRun, makeUser, runItemAt, SEED_SECTIONS } from "@/test/fixtures";
import { expectRejection } from "@/test/assertions";

// A stalled receiver must cost this test half a second, not the default ten.
process.env.INTEGRATION_HTTP_TIMEOUT_MS = "500";

let admin: Actor;
let operator: Actor;
let receiver: FakeHttp;

beforeAll(async () => {
  admin = await makeUser("admin");
  operator = await makeUser("operator");
  receiver = await startFakeHttp(() => ({ status: 204, body: "" }));
});
afterAll(async () => {
  await receiver.close();
  // Later test files dispatch nothing; leave no endpoint behind to slow them.
  await db().webhookEndpoint.updateMany({ data: { active: false } });
});

/** Runs the delivery job the way pg-boss would, attempt `retryCount` of `retryLimit`. */
const attempt = (deliveryId: string, retryCount: number, retryLimit = 3) =>
  deliverWebhookJob({ data: { deliveryId }, retryCount, retryLimit } as PgBoss.JobWithMetadata<WebhookJob>);

describe("webhook signatures", () => {
  it("verifies its own signature and refuses a changed body, another secret or an old timestamp", () => {
    const body = JSON.stringify({ event: "run.closed" });
    const header = signPayload("whsec_test", body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_test", header, body)).toBe(true);
    expect(verifySignature("whsec_test", header, body.replace("closed", "started"))).toBe(false);
    expect(verifySignature("whsec_other", header, body)).toBe(false);
    expect(verifySignature("whsec_test", header, body, { now: new Date(Date.now() + 3_600_000) })).toBe(
      false,
    );
    expect(verifySignature("whsec_test", "v1=abc", body)).toBe(false);
  });
});

describe("webhook endpoints and deliveries", () => {
  it("only admins register endpoints, with a valid URL and at least one event; the secret is shown once", async () => {
    await expectRejection(
      createWebhookEndpoint({ actor: operator, url: receiver.baseUrl, events: ["run.started"] }),
      ForbiddenError,
    );
    await expectRejection(
      createWebhookEndpoint({ actor: admin, url: "ftp://example.com", events: ["run.started"] }),
      ValidationError,
    );
    await expectRejection(
      createWebhookEndpoint({ actor: admin, url: receiver.baseUrl, events: [] }),
      ValidationError,
    );
    for (const url of ["", "not a url", "https://user:secret@example.com/hook"]) {
      await expectRejection(
        createWebhookEndpoint({ actor: admin, url, events: ["run.closed"] }),
        ValidationError,
      );
    }
    const created = await createWebhookEndpoint({
      actor: admin,
      url: `${receiver.baseUrl}/a`,
      events: ["run.closed"],
    });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await listWebhookEndpoints({ actor: admin });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("turns a run's changes into signed deliveries, once per endpoint and event even with two dispatchers", async () => {
    // Past everything earlier test files logged, however much that is.
    while ((await dispatchWebhooks()).events > 0);
    const endpoint = await createWebhookEndpoint({
      actor: admin,
      url: `${receiver.baseUrl}/hook`,
      events: ["run.started", "item.changed"],
    });
    const run = await makeSeedRun(operator);
    const item = await runItemAt(run.id, SEED_SECTIONS.preFlight, "1");
    await tickItem({ actor: operator, runId: run.id, itemId: item.id, version: item.version, done: true });

    await Promise.all([dispatchWebhooks(), dispatchWebhooks()]);
    await dispatchWebhooks();
    const deliveries = await db().webhookDelivery.findMany({
      where: { endpointId: endpoint.id, payload: { path: ["run", "id"], equals: run.id } },
      orderBy: { auditEventId: "asc" },
    });
    expect(deliveries.map((d) => d.event)).toEqual(["run.started", "item.changed"]);

    receiver.requests.length = 0;
    receiver.failNext({ status: 500 });
    await expect(attempt(deliveries[1]!.id, 0)).rejects.toThrow(/answered 500/);
    expect(await attempt(deliveries[1]!.id, 1)).toEqual({ status: 204, error: null });
    const [failed, ok] = receiver.requests;
    // The same bytes both times, with the same delivery id, each signed with the endpoint's secret.
    expect(ok!.body).toBe(failed!.body);
    expect(ok!.headers["runsheet-delivery"]).toBe(deliveries[1]!.id);
    expect(ok!.headers["runsheet-event"]).toBe("item.changed");
    expect(
      verifySignature(endpoint.secret, ok!.headers[SIGNATURE_HEADER.toLowerCase()] as string, ok!.body),
    ).toBe(true);
    const body = JSON.parse(ok!.body);
    expect(body).toMatchObject({
      id: deliveries[1]!.id,
      event: "item.changed",
      action: "item.ticked",
      run: { number: run.number },
      actor: { handle: operator.handle },
    });
    const log = await db().webhookDelivery.findUniqueOrThrow({
      where: { id: deliveries[1]!.id },
      include: { attemptsLog: { orderBy: { at: "asc" } } },
    });
    expect(log.status).toBe("delivered");
    expect(log.attemptsLog.map((a) => a.responseStatus)).toEqual([500, 204]);
  });

  it("logs a stalled receiver as no answer, fails the delivery on the last attempt, and redelivers on request", async () => {
    const endpoint = await createWebhookEndpoint({
      actor: admin,
      url: `${receiver.baseUrl}/slow`,
      events: ["run.started"],
    });
    const run = await makeSeedRun(operator);
    await dispatchWebhooks();
    const delivery = await db().webhookDelivery.findFirstOrThrow({
      where: { endpointId: endpoint.id, payload: { path: ["run", "id"], equals: run.id } },
    });
    receiver.failNext("hang");
    expect(await attempt(delivery.id, 3, 3)).toEqual({ status: null, error: "no answer in time" });
    const failed = await db().webhookDelivery.findUniqueOrThrow({
      where: { id: delivery.id },
      include: { attemptsLog: true },
    });
    expect(failed.status).toBe("failed");
    expect(failed.attemptsLog[0]!.durationMs).toBeGreaterThanOrEqual(450);

    const again = await redeliverWebhook({ actor: admin, deliveryId: delivery.id });
    expect(await attempt(again.id, 0)).toEqual({ status: 204, error: null });
    const redelivered = await db().webhookDelivery.findUniqueOrThrow({ where: { id: again.id } });
    expect(redelivered).toMatchObject({
      status: "delivered",
      redeliveryOfId: delivery.id,
      event: "run.started",
    });
  });
});

describe("the dispatcher's view of the audit log", () => {
  it("waits at a gap only while a transaction that began before the next event is running", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const e = (id: number, secondsAgo: number) => ({ id: BigInt(id), createdAt: ago(secondsAgo) });
    const ids = (xs: { id: bigint }[]) => xs.map((x) => Number(x.id));
    // A transaction open since before #14 was written may still commit #13.
    expect(ids(settledPrefix([e(11, 1), e(12, 1), e(14, 1)], 10n, now, ago(5)))).toEqual([11, 12]);
    // None running, or only ones that began later: #13 was rolled back.
    expect(ids(settledPrefix([e(11, 1), e(12, 1), e(14, 1)], 10n, now, null))).toEqual([11, 12, 14]);
    expect(ids(settledPrefix([e(11, 1), e(12, 1), e(14, 3)], 10n, now, ago(1)))).toEqual([11, 12, 14]);
    // Older than any transaction may live.
    expect(ids(settledPrefix([e(14, 90)], 10n, now, ago(120)))).toEqual([14]);
  });
});
