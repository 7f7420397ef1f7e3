import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AutomationExecutor, abandonExecutions } from "@/lib/aws/executor";
import { BLUE_STACK_ID } from "@/test/fakes/aws";
import { setupAwsRun } from "@/test/aws-harness";

/**
 * Two app instances are two executors against one database, each driving what it holds the
 * lease of. The test's default executor (the one startAutomation hands new executions to)
 * is instance A; B is a second instance started alongside it.
 */
const h = setupAwsRun({ AWS_EXECUTION_LEASE_MS: "300" });

describe("two instances and one execution", () => {
  it("only the lease holder drives it; when A stops mid-monitoring, B takes over without resubmitting", async () => {
    await h.run("backup");
    h.fake.pollsToComplete = 1_000_000;
    const b = new AutomationExecutor();
    try {
      const ex = await h.start("cloudformation");
      const row = () => db().automationExecution.findUniqueOrThrow({ where: { id: ex.id } });
      // A claims the execution it was handed; once it holds the lease, B trying too is kept out.
      // (Launched in the same instant, either may win the claim: the test is about the loser.)
      await expect.poll(async () => (await row()).leaseOwner, { timeout: 10_000 }).not.toBeNull();
      await b.launch(ex.id);
      await expect
        .poll(async () => (await row()).evidence?.valueOf(), { timeout: 10_000 })
        .toMatchObject({
          stackStatus: "UPDATE_IN_PROGRESS",
        });
      const holderA = (await row()).leaseOwner;
      expect(holderA).not.toBe(b.owner);
      // A's heartbeat keeps its lease past several lease periods while B keeps sweeping.
      b.startSweeping();
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await row()).leaseOwner).toBe(holderA);
      expect(h.fake.calls.UpdateStack).toBe(1);

      // A stops as a killed process would: nothing is released, the lease just runs out.
      abandonExecutions();
      h.fake.stack(BLUE_STACK_ID).pollsLeft = 3;
      await expect.poll(async () => (await row()).status, { timeout: 15_000 }).toBe("succeeded");
      expect((await row()).leaseOwner).toBe(b.owner);
      expect(h.fake.calls.UpdateStack).toBe(1);
      expect(h.fake.applied.UpdateStack).toBe(1);
      const ticks = await db().auditEvent.count({
        where: { runId: h.runId, itemId: ex.itemId, action: "item.ticked" },
      });
      expect(ticks).toBe(1);
    } finally {
      b.stop();
    }
  });
});
