import { expect, type Page } from "@playwright/test";

/** Starts a seed promotion through the form and returns its number. */
export async function startSeedRun(page: Page, version = "4.3"): Promise<number> {
  await page.goto("/runs/new?template=promote-changeset-to-production");
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill(version);
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Promote Changeset v${version} To Production`,
  );
  return Number(new URL(page.url()).pathname.split("/").pop());
}

export function itemRow(page: Page, sectionKey: string, path: string) {
  return page.getByTestId(`item-${sectionKey}-${path}`);
}

/** Ticks an item and waits until the server's answer (who, when, elapsed) is shown. */
export async function tick(page: Page, sectionKey: string, path: string) {
  const row = itemRow(page, sectionKey, path);
  await row.getByRole("checkbox", { name: new RegExp(`^Tick ${path.replace(/\./g, "\\.")}:`) }).check();
  await expect(row.getByTestId("tick-evidence")).toContainText("elapsed");
  return row;
}

/** The page's own alert (Next.js adds an empty route announcer with the same role). */
export function appAlert(page: Page) {
  return page.locator("[role=alert]:not(#__next-route-announcer__)");
}
