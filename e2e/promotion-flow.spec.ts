import { expect, test } from "./support/fixtures";
import { itemRow, openRun, tick } from "./support/runs";
import {
  approveGo,
  closeRun,
  closeRunExpectingRefusal,
  completeChild,
  decide,
  doneOutside,
  opened,
  reachDecision,
  tickAllOpen,
  workAllSections,
  SEED as S,
} from "./support/flow";

test.describe.configure({ timeout: 180_000 });

test("GO: Blue-side tests complete, GO approved by two, items worked through, SUCCEEDED, closed", async ({
  page,
  browser,
  operator,
  makeUser,
  startRun,
}) => {
  const run = await startRun(operator);
  await openRun(page, run.number);

  await reachDecision(page, `andromeda:${run.version}.0`);
  await expect(page.getByTestId("mission-clock")).toHaveText(/^T[-+]/);

  // The decision waits for the Blue-side tests.
  const panel = page.getByTestId("approval-panel");
  await panel.getByLabel("Vote GO", { exact: true }).check();
  await panel.getByLabel("Rationale for your vote").fill("too early");
  await panel.getByRole("button", { name: "Record my vote" }).click();
  await expect(panel.getByRole("alert")).toContainText("create and complete it first");

  const child = await completeChild(page, S.p4, "1");
  await expect(itemRow(page, S.p4, "1")).toContainText(`Closes #${child}`);
  await approveGo(
    page,
    browser,
    await makeUser("operator"),
    "Blue side passed its tests; error rates normal.",
  );
  await opened(page, S.p4, "2.1");
  await tickAllOpen(page, S.p4);
  await opened(page, S.go, "1.1");
  await expect(page.getByTestId(`section-${S.noGo}`).getByTestId("branch-not-taken")).toBeVisible();
  await expect(itemRow(page, S.noGo, "1")).toHaveAttribute("data-state", "not_taken");

  // SUCCEEDED is refused while the GO section is unfinished.
  await tick(page, S.go, "1.1");
  // click, not check: the server refuses, so the box does not stay ticked.
  await itemRow(page, S.go, "5").getByRole("checkbox").click();
  await expect(page.locator("[role=alert]:not(#__next-route-announcer__)").first()).toContainText(
    "SUCCEEDED can be recorded once",
  );
  for (const path of ["1.2", "1.3"]) await tick(page, S.go, path);
  await doneOutside(page, `item-${S.go}-1`, "Scaled the Blue ASG to 6 in the console.");
  for (const path of ["2.1", "2.2"]) await tick(page, S.go, path);
  await doneOutside(page, `item-${S.go}-2`, "Switched the alias in the Route 53 console.");
  await doneOutside(page, `item-${S.go}-3`, "Ran the post-cutover suite from CI, build 812.");
  await tick(page, S.go, "5");
  await expect(page.getByTestId("run-result")).toHaveText("SUCCEEDED");
  await expect(itemRow(page, S.go, "4")).toHaveAttribute("data-state", "skipped");
  // What belongs to a failure skipped itself, with the reason.
  await expect(itemRow(page, S.wrap, "2")).toHaveAttribute("data-state", "skipped");
  await expect(itemRow(page, S.closing, "2")).toHaveAttribute("data-state", "skipped");

  await closeRunExpectingRefusal(page, /still open/);
  await opened(page, S.wrap, "1");
  await tickAllOpen(page, S.wrap);
  await opened(page, S.closing, "1");
  await tick(page, S.closing, "1");
  await closeRun(page);
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Close run" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("closed", { exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Tick / }).first()).toBeDisabled();
});

test("NO GO: decided with a rationale, GO not taken, NO GO result, post-mortem completed, closed", async ({
  page,
  operator,
  startRun,
}) => {
  const run = await startRun(operator);
  await openRun(page, run.number);
  await reachDecision(page, `andromeda:${run.version}.0`);
  await completeChild(page, S.p4, "1");
  await decide(page, "NO GO", "Blue side shows elevated 5xx on checkout.");
  await opened(page, S.p4, "2.1");
  await tickAllOpen(page, S.p4);

  await expect(page.getByTestId("run-result")).toHaveText("NO GO");
  await expect(page.getByTestId(`section-${S.go}`).getByTestId("branch-not-taken")).toBeVisible();
  for (const path of ["1", "2", "3", "4", "5"])
    await expect(itemRow(page, S.go, path)).toHaveAttribute("data-state", "not_taken");
  await expect(itemRow(page, S.noGo, "1")).toHaveAttribute("data-state", "done");
  await expect(itemRow(page, S.noGo, "1")).toContainText("Recorded by the NO GO decision");
  await expect(itemRow(page, S.noGo, "2")).toHaveAttribute("data-state", "skipped");
  // The success announcement does not apply, and says why.
  await expect(itemRow(page, S.wrap, "1")).toHaveAttribute("data-state", "skipped");
  await expect(itemRow(page, S.wrap, "1")).toContainText("Not applicable: the result is NO GO.");

  // The post-mortem is required before closing, and it is pre-filled.
  await opened(page, S.wrap, "2");
  await tickAllOpen(page, S.wrap);
  await closeRunExpectingRefusal(page, /still open|post-mortem/);
  const row = itemRow(page, S.wrap, "2.2");
  await row.getByRole("button", { name: "Create child checklist" }).click();
  await row.getByTestId("child-run").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Changeset Failure Post Mortem Report for Changeset v${run.version}`,
  );
  await expect(page.getByTestId("field-changesetDeploymentAttemptResult")).toHaveText("NO GO");
  await expect(page.getByTestId("field-decisionRationale")).toHaveText(
    "Blue side shows elevated 5xx on checkout.",
  );
  await expect(page.getByTestId("field-timelineSoFar")).toContainText("Make Go/No Go Decision");
  await page.goBack();
  await completeChildAlreadyCreated(page);

  // The backoff undoes a DNS switch; after a NO GO decision there was none, so it skipped itself.
  await expect(itemRow(page, S.noGo, "3")).toHaveAttribute("data-state", "skipped");
  await tick(page, S.closing, "2");
  await closeRun(page);
  await expect(page.getByText(/^Closed /)).toBeVisible();
});

/** The post-mortem child already exists: complete it from its page, then return. */
async function completeChildAlreadyCreated(page: import("@playwright/test").Page) {
  const parentUrl = page.url();
  const link = itemRow(page, S.wrap, "2.2").getByTestId("child-run").getByRole("link");
  const number = Number((await link.textContent())!.match(/#(\d+)/)![1]);
  await link.click();
  await page.waitForURL(new RegExp(`/runs/${number}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Post Mortem");
  await workAllSections(page);
  await closeRun(page);
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await page.goto(parentUrl);
  await expect(itemRow(page, S.wrap, "2.2")).toContainText(/Completed by child run #\d+/);
}
