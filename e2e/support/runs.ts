import { expect, type Page } from "@playwright/test";

/**
 * Starts a seed promotion through the form and returns its number: for specs about the
 * form itself. Others start theirs directly with the `startRun` fixture (e2e/support/fixtures.ts).
 * `more` fills further fields by their label ("Auditors / Listeners", a stack ID).
 */
export async function startSeedRun(
  page: Page,
  version = "4.3",
  more: Record<string, string> = {},
): Promise<number> {
  await page.goto("/runs/new?template=promote-changeset-to-production");
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill(version);
  for (const [label, value] of Object.entries(more)) await page.getByLabel(label).fill(value);
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

/** Opens a run's page and waits for its checklist (after the run was started by a fixture). */
export async function openRun(page: Page, number: number) {
  await page.goto(`/runs/${number}`);
  await expect(page.getByTestId("checklist")).toBeVisible();
}
