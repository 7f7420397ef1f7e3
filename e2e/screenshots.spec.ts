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
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 1000 : 844 });
    await page.getByTestId("cockpit").scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 400);
    await page.screenshot({ path: `docs/screenshots/cockpit-${width}.png` });
  }
});
