import type { Browser, Page } from "@playwright/test";
import { expect, test, type DataFixtures, type SeededUser } from "./support/fixtures";
import { itemRow, openRun, tick } from "./support/runs";
import { approveGo, completeChild, opened, record, SEED as S, tickAllOpen } from "./support/flow";
import {
  fakeAwsState,
  resetFakeAws,
  runAwsStep,
  sendAnnouncement,
  setPostCutoverVerdict,
} from "./support/automation";
import { capturedMail } from "./support/mail-capture";
import { BLUE_LB_DNS, BLUE_STACK_ID, GREEN_LB_DNS } from "../test/fakes/aws";
import { AWS_STACKS } from "./support/seed";
import { FUTURE_WINDOW } from "../test/change-window";

test.describe.configure({ timeout: 300_000 });

/**
 * Starts a seed run and works it through the gates to the DNS switch against the strict
 * fake AWS: Pre-Flight, the backup, the commencement notice, the stack update, the Blue-side
 * tests, GO by two approvers, the prescale and the switch, checking what each step saw.
 */
async function promoteToDns(
  page: Page,
  browser: Browser,
  operator: SeededUser,
  { makeUser, startRun }: Pick<DataFixtures, "makeUser" | "startRun">,
) {
  await resetFakeAws(page);
  const { number, version } = await startRun(operator, { fields: AWS_STACKS });
  await openRun(page, number);

  // Pre-Flight, then the backup runs for real and marks its item done when AWS says COMPLETED.
  await tick(page, "pre-flight", "1");
  await record(page, "pre-flight", "2", FUTURE_WINDOW);
  await opened(page, S.p1);
  const backup = await runAwsStep(page, S.p1, "1", "Start backup");
  const jobs = (await fakeAwsState(page)).backupJobs;
  await expect(backup.getByTestId("automation-evidence")).toContainText(jobs.at(-1)!.id);
  await tickAllOpen(page, S.p1);

  await opened(page, S.p2);
  await sendAnnouncement(page, S.p2, "1", ["1.1", "1.2", "1.3"]);
  await tickAllOpen(page, S.p2);

  await opened(page, S.p3);
  await tick(page, S.p3, "1");
  await record(page, S.p3, "2.1", `${version}.0`);
  await tick(page, S.p3, "2");
  const update = await runAwsStep(page, S.p3, "3", "Update stack");
  await expect(update.getByTestId("automation-checks")).toContainText(
    "recovery point exists and is COMPLETED",
  );
  await expect(itemRow(page, S.p3, "4").getByTestId("tick-evidence")).toContainText("elapsed");

  await completeChild(page, S.p4, "1");
  await approveGo(page, browser, await makeUser("operator"), `Blue side healthy after ${version}.0.`);
  await sendAnnouncement(page, S.p4, "2", ["2.1", "2.2", "2.3"]);

  await opened(page, S.go, "1.1");
  await tick(page, S.go, "1.1");
  await tick(page, S.go, "1.2");
  const prescale = await runAwsStep(page, S.go, "1", "Prescale Blue");
  await expect(prescale.getByTestId("automation-evidence").first()).toContainText("6 of 6");
  await expect(prescale.getByTestId("automation-checks")).toContainText("target size is at least 1");
  await tick(page, S.go, "2.1");
  await tick(page, S.go, "2.2");
  const dns = await runAwsStep(page, S.go, "2", "Switch DNS");
  await expect(dns.getByTestId("automation-evidence").first()).toContainText(BLUE_LB_DNS);
  await expect(dns.getByTestId("automation-checks")).toContainText("A still points at Green's load balancer");
  await expect(dns.getByTestId("automation-checks").locator('[data-ok="false"]')).toHaveCount(0);
  return version;
}

test("a promotion from the checklist: commencement announcement, backup, stack update, prescale, DNS, tests, success announcement", async ({
  page,
  browser,
  operator,
  makeUser,
  startRun,
}) => {
  const version = await promoteToDns(page, browser, operator, { makeUser, startRun });
  const tests = await runAwsStep(page, S.go, "3", "Run tests");
  await expect(tests.getByTestId("automation-evidence").first()).toContainText("passed (HTTP 202)");
  await tick(page, S.go, "5");
  await expect(page.getByTestId("run-result")).toHaveText("SUCCEEDED");

  await opened(page, S.wrap);
  await sendAnnouncement(page, S.wrap, "1", ["1.1", "1.2", "1.3"]);
  const success = `Changeset ${version} was successfully deployed to the Production environment for the Andromeda system.`;
  expect((await capturedMail()).filter((m) => m.text.includes(success))).toHaveLength(1);
  const state = await fakeAwsState(page);
  expect(state.stacks.find((s) => s.id === BLUE_STACK_ID)!.parameters.ContainerVersion).toBe(`${version}.0`);
  expect(state.records["andromeda.abccompany.com A"]).toBe(BLUE_LB_DNS);
  expect(state.denied).toEqual([]);
});

test("failed post-cutover tests fail the run, and the backoff puts DNS back on Green and Blue back to its size", async ({
  page,
  browser,
  operator,
  makeUser,
  startRun,
}) => {
  await promoteToDns(page, browser, operator, { makeUser, startRun });
  await setPostCutoverVerdict(page, false);
  await runAwsStep(page, S.go, "3", "Run tests", "failed");
  await expect(itemRow(page, S.go, "4")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("run-result")).toHaveText("FAILED");

  await opened(page, S.noGo, "3");
  const backoff = await runAwsStep(page, S.noGo, "3", "Back off");
  await expect(backoff.getByTestId("automation-evidence").first()).toContainText("INSYNC");
  await expect(backoff.getByTestId("automation-checks")).toContainText("points at Blue");
  const state = await fakeAwsState(page);
  expect(state.records["andromeda.abccompany.com A"]).toBe(`dualstack.${GREEN_LB_DNS}`);
  expect(state.records["andromeda.abccompany.com AAAA"]).toBe(`dualstack.${GREEN_LB_DNS}`);
  expect(state.groups.find((g) => g.name === "andromeda-blue-asg")).toMatchObject({ desired: 2 });
  expect(state.denied).toEqual([]);
});
