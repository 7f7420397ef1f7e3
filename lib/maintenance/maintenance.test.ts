import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { decideGoNoGo } from "@/lib/runs/decide-go-no-go";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { MAINTENANCE_WORDS } from "@/lib/maintenance/desired-maintenance";
import { syncRunMaintenance } from "@/lib/maintenance/sync-maintenance";
import { completeBlueSideTests, makeFlowRun, makeUser, runItemAt, SEED_SECTIONS as S } from "@/test/fixtures";
import { announceDecision } from "@/test/flow-fixtures";
import { startStatuspageFake, type StatuspageFake } from "@/test/fakes/statuspage";

const PAGE = "status.andromeda.abccorp.com";
const ENV_KEYS = ["STATUSPAGE_API_URL", "STATUSPAGE_API_KEY", "INTEGRATION_HTTP_TIMEOUT_MS"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let statuspage: StatuspageFake;
let operator: Actor;
const at = (iso: string) => () => new Date(iso);

beforeAll(async () => {
  statuspage = await startStatuspageFake();
  Object.assign(process.env, {
    STATUSPAGE_API_URL: statuspage.baseUrl,
    STATUSPAGE_API_KEY: statuspage.apiKey,
    INTEGRATION_HTTP_TIMEOUT_MS: "1500",
  });
  const admin = await makeUser("admin");
  operator = await makeUser("operator");
  await saveIntegrationTarget({
    actor: admin,
    channel: "statuspage",
    name: PAGE,
    config: { pageId: statuspage.pageId },
  });
});

afterAll(async () => {
  await statuspage?.close();
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function runWithWindow() {
  const run = await makeFlowRun(operator);
  await setRunWindow({
    actor: operator,
    runId: run.id,
    start: "2026-12-10T22:00",
    end: "2026-12-11T01:00",
    timeZone: "UTC",
  });
  return run;
}

const maintenancesOf = (runNumber: number) =>
  statuspage.incidents.filter((i) => i.scheduled_for && i.name.startsWith(`Maintenance: #${runNumber} `));
const writes = () => statuspage.requests.filter((r) => r.method !== "GET").length;

describe("one Statuspage scheduled maintenance per run", () => {
  it("is scheduled for the window, in progress at commencement; each step sent once", async () => {
    const run = await runWithWindow();
    const created = await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:00:00Z") });
    expect(created).toMatchObject({ state: "synced", status: "scheduled", created: true });
    const [m] = maintenancesOf(run.number);
    expect(m).toMatchObject({
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: "2026-12-10T22:00:00.000Z",
      scheduled_until: "2026-12-11T01:00:00.000Z",
    });
    const row = await db().runMaintenance.findUniqueOrThrow({ where: { runId: run.id } });
    expect(row).toMatchObject({ incidentId: m!.id, status: "scheduled", target: PAGE });

    const before = writes();
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-05T00:00:00Z") })).toEqual({
      state: "unchanged",
      status: "scheduled",
    });
    expect(writes()).toBe(before);

    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-10T22:00:00Z") })).toMatchObject({
      state: "synced",
      status: "in_progress",
      created: false,
    });
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-10T22:01:00Z") })).toMatchObject({
      state: "unchanged",
    });
    expect(maintenancesOf(run.number)).toHaveLength(1);
    expect(m!.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress"]);
    const events = await db().auditEvent.findMany({
      where: { runId: run.id, action: { startsWith: "maintenance." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, (e.payload as { status: string }).status])).toEqual([
      ["maintenance.created", "scheduled"],
      ["maintenance.updated", "in_progress"],
    ]);
  });

  it("moves with the window", async () => {
    const run = await runWithWindow();
    await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:00:00Z") });
    await setRunWindow({
      actor: operator,
      runId: run.id,
      start: "2026-12-12T22:00",
      end: "2026-12-12T23:30",
      timeZone: "UTC",
    });
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:01:00Z") })).toMatchObject({
      state: "synced",
    });
    expect(maintenancesOf(run.number)).toEqual([
      expect.objectContaining({
        scheduled_for: "2026-12-12T22:00:00.000Z",
        scheduled_until: "2026-12-12T23:30:00.000Z",
      }),
    ]);
  });

  it("on NO GO says so and is completed", async () => {
    const run = await runWithWindow();
    await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:00:00Z") });
    await completeBlueSideTests(operator, run.id);
    // Working Pre-Flight recorded the fixtures' window: the team plans the night again.
    await setRunWindow({
      actor: operator,
      runId: run.id,
      start: "2026-12-10T22:00",
      end: "2026-12-11T01:00",
      timeZone: "UTC",
    });
    const decision = await runItemAt(run.id, S.phase4, "2");
    await decideGoNoGo({
      actor: operator,
      runId: run.id,
      itemId: decision.id,
      decision: "NO GO",
      rationale: "Blue is red",
    });
    await announceDecision(operator, run.id);

    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-10T22:20:00Z") })).toMatchObject({
      state: "synced",
      status: "completed",
    });
    const [m] = maintenancesOf(run.number);
    expect(m).toMatchObject({ status: "completed", body: MAINTENANCE_WORDS.noGo });
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-10T23:00:00Z") })).toMatchObject({
      state: "unchanged",
    });
  });

  it("an unreachable status page is named, kept on the run and tried again", async () => {
    const run = await runWithWindow();
    statuspage.failAll({ status: 503, body: "down for maintenance" });
    const down = await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:00:00Z") });
    expect(down).toMatchObject({
      state: "failed",
      retryable: true,
      error: expect.stringMatching(/^Statuspage answered 503/),
    });
    expect(maintenancesOf(run.number)).toHaveLength(0);
    expect(await db().runMaintenance.findUniqueOrThrow({ where: { runId: run.id } })).toMatchObject({
      incidentId: null,
      attempts: 1,
      lastError: expect.stringMatching(/503/),
    });
    statuspage.recover();
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:01:00Z") })).toMatchObject({
      state: "synced",
      created: true,
    });
    expect(maintenancesOf(run.number)).toHaveLength(1);
  });

  it("a lost answer does not make a second maintenance", async () => {
    const run = await runWithWindow();
    // Statuspage creates it, and the answer never arrives.
    statuspage.failNext("act-then-hang");
    const lost = await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:01:00Z") });
    expect(lost).toMatchObject({
      state: "failed",
      retryable: true,
      error: expect.stringMatching(/did not answer/),
    });
    expect(maintenancesOf(run.number)).toHaveLength(1);

    const found = await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:02:00Z") });
    expect(found).toMatchObject({ state: "synced", status: "scheduled", created: false });
    expect(maintenancesOf(run.number)).toHaveLength(1);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { runId: run.id, action: "maintenance.updated" },
    });
    expect(event.payload).toMatchObject({ foundAfterLostAnswer: true });
  });

  it("is not made for a window that is already over, and says why", async () => {
    const run = await makeFlowRun(operator);
    await setRunWindow({ actor: operator, runId: run.id, start: "2026-01-10T22:00", timeZone: "UTC" });
    expect(await syncRunMaintenance(run.id, { clock: at("2026-12-01T00:00:00Z") })).toEqual({
      state: "none",
      reason: "The window is over: no maintenance is scheduled for a time that has gone.",
    });
    expect(maintenancesOf(run.number)).toHaveLength(0);
  });
});
