import { expect, test } from "@playwright/test";
import { OLIVIA, signInViaApi } from "./support/auth";
import { startSeedRun } from "./support/runs";
import { opened, record, SEED, tickAllOpen } from "./support/flow";

/**
 * The README's pictures of the cockpit, at a desktop and a phone width. Run on purpose
 * (`SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts`), not with the suite.
 */
test.skip(!process.env.SCREENSHOTS, "writes docs/screenshots/ only when asked");

test("the cockpit at 1440 and 390 px", async ({ page }) => {
  await signInViaApi(page.request, OLIVIA.email);
  await startSeedRun(page, "4.4");
  // A window that started an hour ago, so that the clock runs and a phase is overdue.
  const start = new Date(Date.now() - 60 * 60_000);
  const local = new Date(start.getTime() - start.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await record(page, SEED.preflight, "2", local);
  await tickAllOpen(page, SEED.preflight);
  await opened(page, SEED.p1);
  await page.reload();
  await expect(page.getByTestId("mission-clock")).toHaveText(/^T\+/);
  // The roster loads after the checklist; wait for it, so the layout has settled.
  await expect(page.getByTestId("ack-roster")).toBeVisible();
  await expect(page.getByTestId("next-up")).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 1000 : 844 });
    // The bar just stuck to the top, with Next up and the first open phase below it.
    await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>("[data-testid=cockpit]")!;
      const roster = document.querySelector<HTMLElement>("[data-testid=ack-roster]")!;
      // Just past the roster: the bar stuck at the top, Next up and the phases below it.
      window.scrollTo(0, roster.getBoundingClientRect().bottom + window.scrollY - bar.offsetHeight - 8);
    });
    await page.screenshot({ path: `docs/screenshots/cockpit-${width}.png` });
  }
});
