import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { sendNotification } from "@/lib/notify/send-notification";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { MAINTENANCE_WORDS } from "@/lib/maintenance/desired-maintenance";
import { syncRunMaintenance } from "@/lib/maintenance/sync-maintenance";
import {
  completeBlueSideTests,
  makeFlowRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  windowAhead,
} from "@/test/fixtures";
import { completeUpTo, decideGo, workItem } from "@/test/flow-fixtures";
import { startNotifyHarness, until, type NotifyHarness } from "@/test/notify-harness";

let harness: NotifyHarness;
let operator: Actor;
let second: Actor;

beforeAll(async () => {
  harness = await startNotifyHarness({ addresses: ["watch@example.test"], httpTimeoutMs: 1500 });
  operator = harness.operator;
  second = await makeUser("operator");
});

afterAll(async () => {
  await harness?.stop();
});

const PHASE_2 = "phase-2-prechange-commencement-notice";

/** Everything the fake status page holds about this run: its maintenance and any incident. */
const incidentsOf = (run: { number: number; title: string }) =>
  harness.statuspage.incidents.filter(
    (i) => i.name.startsWith(`Maintenance: #${run.number} `) || i.name.includes(`(Run #${run.number})`),
  );

/** Sends the announcement item and waits until each of its channels is delivered. */
async function announce(runId: string, itemId: string) {
  const { notifications } = await sendNotification({ actor: operator, runId, itemId });
  const ids = notifications.map((n) => n.id);
  return until("the announcement delivered", async () => {
    const rows = await db().notification.findMany({ where: { id: { in: ids } } });
    if (rows.some((r) => r.status === "failed")) throw new Error(`failed: ${rows.map((r) => r.lastError)}`);
    return rows.every((r) => r.status === "delivered") && rows;
  });
}

/** A seed run with a window two days ahead, its maintenance scheduled, announced as commencing. */
async function commencedRun() {
  const run = await makeFlowRun(operator, { changesetVersion: `7.${Math.floor(Math.random() * 1e6)}` });
  await completeUpTo(operator, run.id, PHASE_2);
  await setRunWindow({ actor: operator, runId: run.id, ...windowAhead() });
  expect(await syncRunMaintenance(run.id)).toMatchObject({ status: "scheduled" });
  const notice = await db().runItem.findFirstOrThrow({
    where: { runId: run.id, kind: "notify", path: "1", section: { key: PHASE_2 } },
  });
  const rows = await announce(run.id, notice.id);
  const [m, ...others] = incidentsOf(run);
  expect(others).toEqual([]);
  expect(m).toMatchObject({
    status: "in_progress",
    body: notice.spec && (notice.spec as { message: string }).message,
  });
  expect(rows.find((r) => r.channel === "statuspage")!.providerResponse).toMatchObject({
    incidentId: m!.id,
    action: "maintenance-updated",
  });
  // The sweep finds the step already told: nothing is posted again in its standard words.
  expect(await syncRunMaintenance(run.id)).toEqual({ state: "unchanged", status: "in_progress" });
  await completeBlueSideTests(operator, run.id);
  const decision = await runItemAt(run.id, S.phase4, "2");
  await decideGo({ actor: operator, second, runId: run.id, itemId: decision.id, rationale: "Blue is green" });
  return { run, maintenance: m! };
}

const workAt = async (runId: string, section: string, path: string) =>
  workItem(operator, await runItemAt(runId, section, path));

/** The wrap-up announcement the run's result opens. */
async function wrapUpNotice(runId: string, words: string) {
  const items = await db().runItem.findMany({
    where: { runId, kind: "notify", section: { key: S.wrapUp } },
  });
  return items.find((i) => (i.spec as { message?: string }).message?.includes(words))!;
}

describe("announcements of a run with a maintenance update that maintenance", () => {
  it("SUCCEEDED: commencement moves it to in progress, the success notice completes it", async () => {
    const { run, maintenance } = await commencedRun();
    for (const p of ["1.1", "1.2", "1.3", "1", "2.1", "2.2", "2", "3", "5"]) await workAt(run.id, S.go, p);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).result).toBe("SUCCEEDED");

    const success = await wrapUpNotice(run.id, "successfully deployed");
    await announce(run.id, success.id);
    expect(incidentsOf(run)).toEqual([maintenance]);
    expect(maintenance.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
    expect(maintenance.body).toContain("was successfully deployed to the Production environment");
    const writes = harness.statuspage.requests.length;
    expect(await syncRunMaintenance(run.id)).toEqual({ state: "unchanged", status: "completed" });
    expect(harness.statuspage.requests.length).toBe(writes);

    const events = await db().auditEvent.findMany({
      where: { runId: run.id, action: { startsWith: "maintenance." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, (e.payload as { status: string }).status])).toEqual([
      ["maintenance.created", "scheduled"],
      ["maintenance.updated", "in_progress"],
      ["maintenance.updated", "completed"],
    ]);
    expect(events[2]!.payload).toMatchObject({ byAnnouncement: expect.any(String) });
  });

  it("backed off: rolling back while the back-off runs, closed with the failure notice's words", async () => {
    const { run, maintenance } = await commencedRun();
    for (const p of ["1.1", "1.2", "1.3", "1", "2.1", "2.2", "2"]) await workAt(run.id, S.go, p);
    // The Route 53 step switched DNS (its own tests drive it against the AWS fake): the
    // back-off then has something to undo when the post-cutover tests fail.
    const dns = await runItemAt(run.id, S.go, "2");
    await db().automationExecution.create({
      data: {
        runId: run.id,
        itemId: dns.id,
        kind: "route53_switch",
        idempotencyKey: `dns-${run.id}`,
        status: "succeeded",
        plan: {},
        requestedById: operator.id,
      },
    });
    await workAt(run.id, S.go, "4");
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).result).toBe("FAILED");
    expect(await syncRunMaintenance(run.id)).toMatchObject({ state: "synced", status: "in_progress" });
    expect(maintenance.body).toBe(MAINTENANCE_WORDS.rollingBack);

    const backoff = await db().runItem.findFirstOrThrow({
      where: { runId: run.id, kind: "automation", state: "open", section: { key: S.noGo } },
    });
    await workItem(operator, backoff);
    const failure = await wrapUpNotice(run.id, "to deploy to the Production");
    await announce(run.id, failure.id);
    expect(incidentsOf(run)).toEqual([maintenance]);
    expect(maintenance.status).toBe("completed");
    expect(maintenance.body).toContain("failed to deploy to the Production environment");
    expect(maintenance.updates.map((u) => u.status)).toEqual([
      "scheduled",
      "in_progress",
      "in_progress",
      "completed",
    ]);
    expect(await syncRunMaintenance(run.id)).toEqual({ state: "unchanged", status: "completed" });
  });
});
