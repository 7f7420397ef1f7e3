import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { startWorkers } from "@/lib/jobs/worker";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { REMINDERS_FIRE, REMINDERS_SWEEP } from "@/lib/reminders/reminder-jobs";
import { MAINTENANCE_SWEEP } from "@/lib/maintenance/maintenance-jobs";
import { makeSeedRun, makeUser } from "@/test/fixtures";

beforeAll(async () => {
  await startWorkers({ sweeps: true });
});
afterAll(async () => {
  // Other test files' workers must not pick up sweeps over their runs.
  const boss = await jobQueue();
  await boss.unschedule(REMINDERS_SWEEP);
  await boss.unschedule(MAINTENANCE_SWEEP);
  await stopJobQueue();
});

describe("reminder jobs on the queue", () => {
  it("wake the worker at each pending reminder's time, and sweep every minute", async () => {
    const operator = await makeUser("operator");
    const run = await makeSeedRun(operator);
    await setRunWindow({ actor: operator, runId: run.id, start: "2027-03-10T22:00", timeZone: "UTC" });
    const pending = await db().runReminder.findMany({ where: { runId: run.id, status: "pending" } });
    expect(pending.length).toBeGreaterThan(0);
    const jobs = await db().$queryRaw<
      { singleton_key: string; start_after: Date; data: { runId: string } }[]
    >`
      SELECT singleton_key, start_after, data FROM pgboss.job
      WHERE name = ${REMINDERS_FIRE} AND data->>'runId' = ${run.id}`;
    for (const r of pending) {
      const job = jobs.find((j) => j.singleton_key === `${r.id}@${r.fireAt.toISOString()}`);
      expect(job?.start_after.toISOString()).toBe(r.fireAt.toISOString());
    }
    const schedules = await db().$queryRaw<{ cron: string }[]>`
      SELECT cron FROM pgboss.schedule WHERE name = ${REMINDERS_SWEEP}`;
    expect(schedules).toEqual([{ cron: "* * * * *" }]);
  });
});
