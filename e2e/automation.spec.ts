import { expect, test } from "./support/fixtures";
import { itemRow, openRun, tick } from "./support/runs";
import { approveGo, completeChild, opened, record, SEED as S, tickAllOpen } from "./support/flow";
import { fakeAwsState as fakeState, resetFakeAws, runAwsStep as runStep } from "./support/automation";
import { AWS_STACKS } from "./support/seed";
import { BLUE_LB_DNS, BLUE_STACK_ID } from "../test/fakes/aws";
import { FUTURE_WINDOW } from "../test/change-window";

test.describe.configure({ timeout: 240_000 });

test("a seed run's AWS steps run against the strict fake: backup, stack update, prescale, DNS, with their pre-checks", async ({
  page,
  browser,
  operator,
  makeUser,
  startRun,
}) => {
  await resetFakeAws(page);
  const { number, version } = await startRun(operator, { fields: AWS_STACKS });
  await openRun(page, number);

  // The fake serves every spec: count what this test adds to it.
  const before = await fakeState(page);
  const applied = (s: typeof before, op: string) => (s.applied[op] ?? 0) - (before.applied[op] ?? 0);

  // Backup (once Pre-Flight is done): the job the fake started is the one shown as evidence.
  await tick(page, S.preflight, "1");
  await record(page, S.preflight, "2", FUTURE_WINDOW);
  await opened(page, S.p1);
  const backup = await runStep(page, S.p1, "1", "Start backup");
  let state = await fakeState(page);
  expect(state.backupJobs).toHaveLength(before.backupJobs.length + 1);
  const job = state.backupJobs.at(-1)!;
  expect(job.input.RecoveryPointTags).toMatchObject({
    Name: `Production Pre-changeset ${version} Backup`,
  });
  expect(job.input).toMatchObject({ StartWindowMinutes: 60, Lifecycle: { DeleteAfterDays: 35 } });
  await expect(backup.getByTestId("automation-evidence")).toContainText(job.id);
  await expect(backup.getByTestId("automation-evidence")).toContainText("COMPLETED");

  // The stack update needs the phases before it and the container version recorded in Phase 3.
  await tickAllOpen(page, S.p1);
  await opened(page, S.p2);
  await tickAllOpen(page, S.p2);
  await opened(page, S.p3);
  await tick(page, S.p3, "1");
  await record(page, S.p3, "2.1", `${version}.0`);
  await tick(page, S.p3, "2");
  const update = await runStep(page, S.p3, "3", "Update stack");
  await expect(update.getByTestId("automation-evidence")).toContainText("UPDATE_COMPLETE");
  await expect(update.getByTestId("automation-evidence")).toContainText(`4.2.0 → ${version}.0`);
  await expect(update.getByTestId("stack-events")).toContainText("UPDATE_IN_PROGRESS");
  // What it checked before acting: the stack's state and the backup's recovery point.
  await expect(update.getByTestId("automation-checks")).toContainText(
    "stable *_COMPLETE state — saw UPDATE_COMPLETE",
  );
  await expect(update.getByTestId("automation-checks")).toContainText(
    "recovery point exists and is COMPLETED",
  );
  const watch = itemRow(page, S.p3, "4");
  await expect(watch.getByTestId("tick-evidence")).toContainText("elapsed");
  state = await fakeState(page);
  expect(applied(state, "UpdateStack")).toBe(1);
  expect(state.stacks.find((s) => s.id === BLUE_STACK_ID)!.parameters.ContainerVersion).toBe(`${version}.0`);

  // The GO steps wait for a GO by two approvers, announced.
  await completeChild(page, S.p4, "1");
  await approveGo(page, browser, await makeUser("operator"), `Blue side healthy after ${version}.0.`);
  await opened(page, S.p4, "2.1");
  await tickAllOpen(page, S.p4);
  await opened(page, S.go, "1.1");

  // Prescale: Blue grows to Green's six instances; the stopwatch under it is ticked.
  const prescale = await runStep(page, S.go, "1", "Prescale Blue");
  await expect(prescale.getByTestId("automation-evidence").first()).toContainText("6 of 6");
  await expect(itemRow(page, S.go, "1.3").getByTestId("tick-evidence")).toContainText("elapsed");
  state = await fakeState(page);
  expect(state.groups.find((g) => g.name === "andromeda-blue-asg")).toMatchObject({
    desired: 6,
    inService: 6,
  });

  // DNS: the record now aliases Blue's load balancer.
  const dns = await runStep(page, S.go, "2", "Switch DNS");
  await expect(dns.getByTestId("automation-evidence").first()).toContainText("INSYNC");
  await expect(dns.getByTestId("automation-evidence").first()).toContainText(BLUE_LB_DNS);
  await expect(dns.getByTestId("automation-evidence").first()).toContainText(
    "A → dualstack.andromeda-green-lb",
  );
  const checks = dns.getByTestId("automation-checks");
  await expect(checks).toContainText("A still points at Green's load balancer");
  await expect(checks).toContainText(
    "Blue's InService instances are at least Green's — saw Blue 6 InService, Green 6",
  );
  await expect(checks.locator('[data-ok="false"]')).toHaveCount(0);
  state = await fakeState(page);
  expect(state.records["andromeda.abccompany.com A"]).toBe(BLUE_LB_DNS);
  expect(state.records["andromeda.abccompany.com AAAA"]).toBe(BLUE_LB_DNS);
  expect(applied(state, "ChangeResourceRecordSets")).toBe(1);
  expect(state.denied).toEqual([]);
});
