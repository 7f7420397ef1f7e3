import { expect, type Browser, type Page } from "@playwright/test";
import { itemRow } from "./runs";
import { signInViaApi } from "./auth";
import { signInContext, type SeededUser } from "./seed";
import { FUTURE_WINDOW } from "../../test/change-window";

/**
 * Ticks every item of a section that can be ticked by hand, one at a time, waiting for the
 * server each time. Automation steps are marked done outside Runsheet (with a note) when
 * `outside` is set; otherwise they are left for their own step.
 */
export async function tickAllOpen(page: Page, sectionKey: string, opts: { outside?: boolean } = {}) {
  const section = page.getByTestId(`section-${sectionKey}`);
  const tried = new Set<string>();
  for (;;) {
    const tickable = section
      .locator("li[data-state=open]:has(> div > input[type=checkbox]:not([disabled]))")
      .first();
    const step = section.locator("li[data-state=open]:has(button:text-is('Done outside Runsheet…'))").first();
    const row =
      (await tickable.count()) > 0 ? tickable : opts.outside && (await step.count()) > 0 ? step : null;
    if (!row) return;
    const testId = (await row.getAttribute("data-testid"))!;
    if (tried.has(testId)) throw new Error(`${testId} stayed open after ticking it`);
    tried.add(testId);
    if (row === step) {
      await doneOutside(page, testId, "Done by hand in the console.");
    } else {
      await row.locator(":scope > div > input[type=checkbox]").check();
      await expect(page.getByTestId(testId).getByTestId("tick-evidence")).toContainText("elapsed");
    }
  }
}

/** Marks an automation step done outside Runsheet, with the note saying what was done. */
export async function doneOutside(page: Page, rowTestId: string, note: string) {
  const row = page.getByTestId(rowTestId);
  await row.getByRole("button", { name: "Done outside Runsheet…" }).click();
  await row.getByLabel(/^What was done outside Runsheet for/).fill(note);
  await row.getByRole("button", { name: "Mark done outside Runsheet" }).click();
  await expect(row).toHaveAttribute("data-state", "done");
}

/**
 * GO on the seed's decision takes two approvers: the signed-in user votes on `page`, and
 * `second` votes from a page of their own: a user made by a fixture (signed in by cookie),
 * or a demo user's email (signed in through next-auth's endpoint). Returns when the page shows the GO.
 */
export async function approveGo(
  page: Page,
  browser: Browser,
  second: string | SeededUser,
  rationale: string,
) {
  await vote(page, "GO", rationale);
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const other = await context.newPage();
    if (typeof second === "string") await signInViaApi(other.request, second);
    else await signInContext(context, second);
    await other.goto(page.url());
    await vote(other, "GO", `${rationale} (second approver)`, { completesQuorum: true });
  } finally {
    await context.close();
  }
  await page.reload();
  await expect(page.getByTestId("decision-panel").getByTestId("decision-current")).toContainText("GO");
}

/** One approver's vote with its rationale. */
export async function vote(
  page: Page,
  v: "GO" | "NO GO",
  rationale: string,
  opts: { completesQuorum?: boolean } = {},
) {
  const panel = page.getByTestId("approval-panel");
  await panel.getByLabel(`Vote ${v}`, { exact: true }).check();
  await panel.getByLabel("Rationale for your vote").fill(rationale);
  await panel.getByRole("button", { name: "Record my vote" }).click();
  // The vote that completes the quorum records GO, and the votes give way to the decision.
  if (opts.completesQuorum)
    await expect(page.getByTestId("decision-current")).toContainText(rationale, { timeout: 15_000 });
  else await expect(panel.getByTestId("approval-votes")).toContainText(rationale);
}

export async function skip(page: Page, sectionKey: string, path: string, reason: string) {
  const row = itemRow(page, sectionKey, path);
  await row.getByRole("button", { name: `More actions for ${path}` }).click();
  await row.getByRole("menuitem", { name: "Skip…" }).click();
  await row.getByLabel(`Reason to skip ${path}`).fill(reason);
  await row.getByRole("button", { name: "Skip item" }).click();
  await expect(row).toHaveAttribute("data-state", "skipped");
}

export async function record(page: Page, sectionKey: string, path: string, value: string) {
  const row = itemRow(page, sectionKey, path);
  await row.getByLabel(`Value for ${path}`).fill(value);
  await row.getByRole("button", { name: "Record", exact: true }).click();
  await expect(row).toHaveAttribute("data-state", "done");
}

/** Creates the child checklist of a link item, completes and closes it, and comes back. */
export async function completeChild(page: Page, sectionKey: string, path: string): Promise<number> {
  const parentUrl = page.url();
  const row = itemRow(page, sectionKey, path);
  await row.getByRole("button", { name: "Create child checklist" }).click();
  const link = row.getByTestId("child-run").getByRole("link");
  await expect(link).toBeVisible();
  const number = Number((await link.textContent())!.match(/#(\d+)/)![1]);
  await link.click();
  await page.waitForURL(new RegExp(`/runs/${number}$`));
  await workAllSections(page);
  await closeRun(page);
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await page.goto(parentUrl);
  await expect(row.getByTestId("tick-evidence")).toContainText("elapsed");
  await expect(row).toContainText(`Completed by child run #${number}`);
  return number;
}

export async function decide(page: Page, decision: "GO" | "NO GO", rationale: string) {
  const panel = page.getByTestId("decision-panel");
  await panel.getByLabel(decision, { exact: true }).check();
  // The decision's own rationale, not an approver's vote rationale in the same panel.
  await panel.getByLabel(/^Rationale( \(a revision needs a new one\))?$/).fill(rationale);
  await panel.getByRole("button", { name: /Record (revised )?decision/ }).click();
  await expect(panel.getByTestId("decision-current")).toContainText(rationale);
}

/** Close run, confirmed in its dialog (closing cannot be undone). */
export async function closeRun(page: Page) {
  await page.getByRole("button", { name: "Close run" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Yes, close #\d+$/ })
    .click();
}

export async function closeRunExpectingRefusal(page: Page, mentions: RegExp) {
  await closeRun(page);
  await expect(page.getByTestId("flow-error")).toContainText(mentions);
}

/** The seed's section keys. */
export const SEED = {
  preflight: "pre-flight",
  p1: "phase-1-change-preparation",
  p2: "phase-2-prechange-commencement-notice",
  p3: "phase-3-begin-rolling-container-updates",
  p4: "phase-4-test-blue-stack-and-make-go-no-go-decision",
  go: "phase-5-go-decision",
  noGo: "phase-5-no-go-decision-backoff-failed-attempt",
  wrap: "phase-6-post-change-wrap-up",
  closing: "phase-6-closing-out-this-issue",
} as const;

/**
 * Works the seed run's phases before the decision in order, as its operators would: the
 * window recorded, tasks ticked, the backup and the stack update done outside Runsheet,
 * the container version recorded. The Blue-side tests are left to the caller.
 */
export async function reachDecision(page: Page, containerVersion = "andromeda:9.1.0") {
  await record(page, SEED.preflight, "2", FUTURE_WINDOW);
  await tickAllOpen(page, SEED.preflight);
  await opened(page, SEED.p1);
  await tickAllOpen(page, SEED.p1, { outside: true });
  await opened(page, SEED.p2);
  await tickAllOpen(page, SEED.p2);
  await opened(page, SEED.p3);
  await tick3(page, containerVersion);
}

/** Waits until the page shows a phase's first item unlocked (the run is refetched after each tick). */
export async function opened(page: Page, sectionKey: string, path = "1") {
  await expect(itemRow(page, sectionKey, path)).not.toHaveAttribute("data-locked", "true", {
    timeout: 15_000,
  });
}

async function tick3(page: Page, containerVersion: string) {
  const first = itemRow(page, SEED.p3, "1");
  await first.locator(":scope > div > input[type=checkbox]").check();
  await expect(first.getByTestId("tick-evidence")).toContainText("elapsed");
  await record(page, SEED.p3, "2.1", containerVersion);
  await tickAllOpen(page, SEED.p3, { outside: true });
}

/** Works every phase of the run on the page in order, waiting for each to open (a child checklist). */
export async function workAllSections(page: Page) {
  for (const section of await page.locator("section[data-testid^=section-]").all()) {
    const key = (await section.getAttribute("data-testid"))!.replace(/^section-/, "");
    const first = section.locator("li[data-testid]").first();
    const path = (await first.getAttribute("data-testid"))!.slice(`item-${key}-`.length);
    await opened(page, key, path);
    await tickAllOpen(page, key, { outside: true });
  }
}
