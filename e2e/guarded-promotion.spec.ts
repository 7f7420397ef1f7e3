import { expect, test } from "./support/fixtures";
import { appAlert, itemRow, openRun } from "./support/runs";
import { approveGo, completeChild, opened, reachDecision, SEED, tickAllOpen, vote } from "./support/flow";

test.describe.configure({ timeout: 240_000 });

test("a fresh promotion shows its locks; GO takes two approvers and signs the plan; DNS waits for the prescale", async ({
  page,
  browser,
  operator,
  makeUser,
  startRun,
}) => {
  const run = await startRun(operator);
  await openRun(page, run.number);

  // Locked items say why and offer no checkbox.
  const goTask = itemRow(page, SEED.go, "1.1");
  await expect(goTask).toHaveAttribute("data-locked", "true");
  await expect(goTask.getByTestId("item-lock")).toContainText("needs a GO decision");
  await expect(goTask.getByRole("checkbox")).toHaveCount(0);
  await expect(itemRow(page, SEED.p2, "1").getByTestId("item-lock")).toContainText(
    "needs the previous phase done",
  );
  await expect(itemRow(page, SEED.wrap, "1").getByTestId("item-lock")).toContainText(
    "needs the result SUCCEEDED",
  );
  await expect(itemRow(page, SEED.go, "2").getByTestId("item-lock")).toContainText(
    "needs “Prescale Blue side” done",
  );
  // Phase 1 waits for Pre-Flight, its backup step included.
  await expect(itemRow(page, SEED.p1, "1")).toHaveAttribute("data-locked", "true");

  await reachDecision(page, `andromeda:${run.version}.0`);
  await expect(itemRow(page, SEED.p1, "1")).toContainText("Done by hand in the console.");
  await completeChild(page, SEED.p4, "1");

  // One approver is not enough; the panel says who voted and how many are awaited.
  await vote(page, "GO", "Blue side tests green");
  await expect(page.getByTestId("approval-count")).toHaveText(/GO approvals: 1 of 2/);
  await expect(page.getByTestId("approval-awaited")).toContainText("Awaiting 1 more approval");
  await expect(goTask).toHaveAttribute("data-locked", "true");
  await page.getByRole("button", { name: "Withdraw my vote" }).click();
  await expect(page.getByTestId("approval-count")).toHaveText(/GO approvals: 0 of 2/);

  await approveGo(page, browser, await makeUser("operator"), "Blue side tests green, error rates flat");
  await expect(page.getByTestId("signed-plan")).toContainText(/[0-9a-f]{64}/);
  await opened(page, SEED.p4, "2.1");
  await tickAllOpen(page, SEED.p4);

  // GO opens the branch; the DNS switch still waits for the prescale.
  await expect(goTask).not.toHaveAttribute("data-locked", "true");
  await expect(itemRow(page, SEED.go, "2").getByTestId("item-lock")).toContainText(
    "needs “Prescale Blue side” done",
  );
  await expect(page.getByTestId(`section-${SEED.noGo}`).getByTestId("branch-not-taken")).toBeVisible();
  await expect(page.getByTestId(`section-${SEED.noGo}`).getByTestId("section-timing")).toHaveCount(0);
  await expect(appAlert(page)).toHaveCount(0);
});
