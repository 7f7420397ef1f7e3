import { expect, test, type Browser } from "@playwright/test";
import { OLIVIA, OMAR, signInViaApi } from "./support/auth";
import { appAlert, itemRow, startSeedRun, tick } from "./support/runs";

async function twoPeopleOnOneRun(browser: Browser, version: string) {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signInViaApi(pageA.request, OLIVIA.email);
  await signInViaApi(pageB.request, OMAR.email);
  const number = await startSeedRun(pageA, version);
  await pageB.goto(`/runs/${number}`);
  // Both pages listen once each sees the other.
  await expect(pageA.getByTestId("presence")).toHaveText(`Also here: ${OMAR.name}`);
  await expect(pageB.getByTestId("presence")).toHaveText(`Also here: ${OLIVIA.name}`);
  return { a, b, pageA, pageB, number };
}

const box = (path: string) => new RegExp(`^Tick ${path.replace(/\./g, "\\.")}:`);

test("a tick on one page appears on the other within two seconds, without a reload", async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoPeopleOnOneRun(browser, "5.1");

  await tick(pageA, "pre-flight", "1");
  const rowB = itemRow(pageB, "pre-flight", "1");
  await expect(rowB.getByRole("checkbox", { name: box("1") })).toBeChecked({ timeout: 2_000 });
  await expect(rowB.getByTestId("tick-evidence")).toContainText(OLIVIA.name, { timeout: 2_000 });

  // Leaving the run removes Omar from Olivia's page.
  await b.close();
  await expect(pageA.getByTestId("presence")).toBeHidden({ timeout: 5_000 });
  await a.close();
});

test("a tick made offline is queued, then sent when the connection returns", async ({ browser }) => {
  const { a, b, pageA, pageB } = await twoPeopleOnOneRun(browser, "5.2");

  await a.setOffline(true);
  const rowA = itemRow(pageA, "pre-flight", "1");
  await rowA.getByRole("checkbox", { name: box("1") }).check();
  await expect(pageA.getByTestId("queued")).toHaveText("1 change queued, will send when back online.");
  await pageB.waitForTimeout(1_000);
  const rowB = itemRow(pageB, "pre-flight", "1");
  await expect(rowB.getByRole("checkbox", { name: box("1") })).not.toBeChecked();

  await a.setOffline(false);
  await expect(pageA.getByTestId("queued")).toBeHidden({ timeout: 15_000 });
  await expect(rowA.getByTestId("tick-evidence")).toContainText("elapsed");
  await expect(rowB.getByRole("checkbox", { name: box("1") })).toBeChecked({ timeout: 5_000 });
  await expect(rowB.getByTestId("tick-evidence")).toContainText(OLIVIA.name);
  await a.close();
  await b.close();
});

test("a queued tick of an item someone changed meanwhile comes back as a conflict, not an overwrite", async ({
  browser,
}) => {
  const { a, b, pageA, pageB } = await twoPeopleOnOneRun(browser, "5.3");

  await a.setOffline(true);
  const rowA = itemRow(pageA, "pre-flight", "1");
  await rowA.getByRole("checkbox", { name: box("1") }).check();
  await expect(pageA.getByTestId("queued")).toBeVisible();
  await tick(pageB, "pre-flight", "1");

  await a.setOffline(false);
  await expect(appAlert(pageA)).toContainText("Someone else changed this item first", { timeout: 15_000 });
  await expect(rowA.getByTestId("tick-evidence")).toContainText(OMAR.name);
  await expect(pageA.getByTestId("queued")).toBeHidden();
  await a.close();
  await b.close();
});

test("the event stream is refused without a session", async ({ request }) => {
  const res = await request.get("/api/runs/1/events");
  expect(res.status()).toBe(401);
});
