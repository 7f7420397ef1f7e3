import { expect, test } from "@playwright/test";
import { OLIVIA, signInViaApi } from "./support/auth";
import { itemRow, startSeedRun, tick } from "./support/runs";
import { closeRunExpectingRefusal, completeChild, decide, record, skip, tickAllOpen } from "./support/flow";

const S = {
  preflight: "pre-flight",
  p1: "phase-1-change-preparation",
  p2: "phase-2-prechange-commencement-notice",
  p3: "phase-3-begin-rolling-container-updates",
  p4: "phase-4-test-blue-stack-and-make-go-no-go-decision",
  go: "phase-5-go-decision",
  noGo: "phase-5-no-go-decision-backoff-failed-attempt",
  wrap: "phase-6-post-change-wrap-up",
  closing: "phase-6-closing-out-this-issue",
};

test.describe.configure({ timeout: 180_000 });

test("GO: Blue-side tests complete, GO decided, items ticked through, SUCCEEDED, closed", async ({
  page,
}) => {
  await signInViaApi(page.request, OLIVIA.email);
  await startSeedRun(page, "9.1");

  await record(page, S.preflight, "2", "2026-12-01T22:00");
  await expect(page.getByTestId("mission-clock")).toHaveText(/^T[-+]/);
  await tickAllOpen(page, S.preflight);
  await tickAllOpen(page, S.p1);
  await tickAllOpen(page, S.p2);
  await record(page, S.p3, "2.1", "andromeda:9.1.0");
  await tickAllOpen(page, S.p3);

  // The decision waits for the Blue-side tests.
  await page.getByTestId("decision-panel").getByLabel("GO", { exact: true }).check();
  await page
    .getByTestId("decision-panel")
    .getByLabel(/Rationale/)
    .fill("too early");
  await page.getByTestId("decision-panel").getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("decision-panel").getByRole("alert")).toContainText(
    "create and complete it first",
  );

  const child = await completeChild(page, S.p4, "1");
  await expect(itemRow(page, S.p4, "1")).toContainText(`Closes #${child}`);
  await decide(page, "GO", "Blue side passed its tests; error rates normal.");
  await expect(page.getByTestId(`section-${S.noGo}`).getByTestId("branch-not-taken")).toBeVisible();
  await expect(itemRow(page, S.noGo, "1")).toHaveAttribute("data-state", "not_taken");

  // SUCCEEDED is refused while the GO section is unfinished.
  await tick(page, S.go, "1.1");
  // click, not check: the server refuses, so the box does not stay ticked.
  await itemRow(page, S.go, "5").getByRole("checkbox").click();
  await expect(page.locator("[role=alert]:not(#__next-route-announcer__)").first()).toContainText(
    "SUCCEEDED can be recorded once",
  );
  for (const path of ["1", "1.2", "1.3", "2", "2.1", "2.2", "3"]) await tick(page, S.go, path);
  await tick(page, S.go, "5");
  await expect(page.getByTestId("run-result")).toHaveText("SUCCEEDED");
  await expect(itemRow(page, S.go, "4")).toHaveAttribute("data-state", "skipped");

  await closeRunExpectingRefusal(page, /still open/);
  await tickAllOpen(page, S.p4);
  await skip(page, S.wrap, "2", "The promotion succeeded.");
  await tickAllOpen(page, S.wrap);
  await tick(page, S.closing, "1");
  await skip(page, S.closing, "2", "The change succeeded.");
  await page.getByRole("button", { name: "Close run" }).click();
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Close run" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("closed", { exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Tick / }).first()).toBeDisabled();
});

test("NO GO: decided with a rationale, GO not taken, NO GO result, post-mortem completed, closed", async ({
  page,
}) => {
  await signInViaApi(page.request, OLIVIA.email);
  await startSeedRun(page, "9.2");
  await completeChild(page, S.p4, "1");
  await decide(page, "NO GO", "Blue side shows elevated 5xx on checkout.");

  await expect(page.getByTestId("run-result")).toHaveText("NO GO");
  await expect(page.getByTestId(`section-${S.go}`).getByTestId("branch-not-taken")).toBeVisible();
  for (const path of ["1", "2", "3", "4", "5"])
    await expect(itemRow(page, S.go, path)).toHaveAttribute("data-state", "not_taken");
  await expect(itemRow(page, S.noGo, "1")).toHaveAttribute("data-state", "done");
  await expect(itemRow(page, S.noGo, "1")).toContainText("Recorded by the NO GO decision");
  await expect(itemRow(page, S.noGo, "2")).toHaveAttribute("data-state", "skipped");

  // The post-mortem is required before closing, and it is pre-filled.
  await skip(page, S.wrap, "1", "The promotion did not happen.");
  await tickAllOpen(page, S.wrap);
  await closeRunExpectingRefusal(page, /still open|post-mortem/);
  const row = itemRow(page, S.wrap, "2.2");
  await row.getByRole("button", { name: "Create child checklist" }).click();
  await row.getByTestId("child-run").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Changeset Failure Post Mortem Report for Changeset v9.2",
  );
  await expect(page.getByTestId("field-changesetDeploymentAttemptResult")).toHaveText("NO GO");
  await expect(page.getByTestId("field-decisionRationale")).toHaveText(
    "Blue side shows elevated 5xx on checkout.",
  );
  await expect(page.getByTestId("field-timelineSoFar")).toContainText("Make Go/No Go Decision");
  await page.goBack();
  await completeChildAlreadyCreated(page);

  await record(page, S.preflight, "2", "2026-12-01T22:00");
  for (const s of [S.preflight, S.p1, S.p2, S.p4]) await tickAllOpen(page, s);
  await skip(page, S.p3, "2", "No update was made after the NO GO.");
  await tickAllOpen(page, S.p3);
  // The backoff undoes a DNS switch; after a NO GO decision there was none.
  await skip(page, S.noGo, "3", "DNS was never switched.");
  await skip(page, S.closing, "1", "The change did not succeed.");
  await tick(page, S.closing, "2");
  await page.getByRole("button", { name: "Close run" }).click();
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
  for (const section of await page.locator("section[data-testid^=section-]").all()) {
    await tickAllOpen(page, (await section.getAttribute("data-testid"))!.replace(/^section-/, ""));
  }
  await page.getByRole("button", { name: "Close run" }).click();
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await page.goto(parentUrl);
  await expect(itemRow(page, S.wrap, "2.2")).toContainText(/Completed by child run #\d+/);
}
