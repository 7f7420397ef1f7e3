import { expect, type Page } from "@playwright/test";
import { appAlert, itemRow } from "./runs";

/** Ticks every item of a section that can be ticked by hand, one at a time, waiting for the server each time. */
export async function tickAllOpen(page: Page, sectionKey: string) {
  const section = page.getByTestId(`section-${sectionKey}`);
  const tried = new Set<string>();
  for (;;) {
    const row = section.locator("li[data-state=open]:has(input[type=checkbox]:not([disabled]))").first();
    if ((await row.count()) === 0) return;
    const testId = (await row.getAttribute("data-testid"))!;
    if (tried.has(testId)) throw new Error(`${testId} stayed open after ticking it`);
    tried.add(testId);
    await row.locator("input[type=checkbox]").check();
    await expect(page.getByTestId(testId).getByTestId("tick-evidence")).toContainText("elapsed");
  }
}

export async function skip(page: Page, sectionKey: string, path: string, reason: string) {
  const row = itemRow(page, sectionKey, path);
  await row.getByRole("button", { name: "Skip", exact: true }).click();
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
  for (const section of await page.locator("section[data-testid^=section-]").all()) {
    await tickAllOpen(page, (await section.getAttribute("data-testid"))!.replace(/^section-/, ""));
  }
  await page.getByRole("button", { name: "Close run" }).click();
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await page.goto(parentUrl);
  await expect(row.getByTestId("tick-evidence")).toContainText("elapsed");
  await expect(row).toContainText(`Completed by child run #${number}`);
  return number;
}

export async function decide(page: Page, decision: "GO" | "NO GO", rationale: string) {
  const panel = page.getByTestId("decision-panel");
  await panel.getByLabel(decision, { exact: true }).check();
  await panel.getByLabel(/Rationale/).fill(rationale);
  await panel.getByRole("button", { name: /Record (revised )?decision/ }).click();
  await expect(panel.getByTestId("decision-current")).toContainText(rationale);
}

export async function closeRunExpectingRefusal(page: Page, mentions: RegExp) {
  await page.getByRole("button", { name: "Close run" }).click();
  await expect(page.getByTestId("flow-error")).toContainText(mentions);
  void appAlert;
}
