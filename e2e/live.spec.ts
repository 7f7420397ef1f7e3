import type { Browser } from "@playwright/test";
import { expect, test, type DataFixtures } from "./support/fixtures";
import { appAlert, itemRow, openRun, tick } from "./support/runs";

/** Two operators of the test's own, each on their own page of one new run. */
async function twoPeopleOnOneRun(
  browser: Browser,
  { makeUser, signIn, startRun }: Pick<DataFixtures, "makeUser" | "signIn" | "startRun">,
) {
  const [olivia, omar] = [await makeUser("operator"), await makeUser("operator")];
  const a = await browser.newContext();
  const b = await browser.newContext();
  await signIn(olivia, a);
  await signIn(omar, b);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const { number } = await startRun(olivia);
  await openRun(pageA, number);
  await pageB.goto(`/runs/${number}`);
  // Both pages listen once each sees the other.
  await expect(pageA.getByTestId("presence")).toHaveText(`Also here: ${omar.name}`);
  await expect(pageB.getByTestId("presence")).toHaveText(`Also here: ${olivia.name}`);
  return { a, b, pageA, pageB, number, olivia, omar };
}

const box = (path: string) => new RegExp(`^Tick ${path.replace(/\./g, "\\.")}:`);

test("a tick on one page appears on the other within two seconds, without a reload", async ({
  browser,
  makeUser,
  signIn,
  startRun,
}) => {
  const { a, b, pageA, pageB, olivia } = await twoPeopleOnOneRun(browser, { makeUser, signIn, startRun });

  await tick(pageA, "pre-flight", "1");
  const rowB = itemRow(pageB, "pre-flight", "1");
  await expect(rowB.getByRole("checkbox", { name: box("1") })).toBeChecked({ timeout: 2_000 });
  await expect(rowB.getByTestId("tick-evidence")).toContainText(olivia.name, { timeout: 2_000 });

  // Leaving the run removes Omar from Olivia's page.
  await b.close();
  await expect(pageA.getByTestId("presence")).toBeHidden({ timeout: 5_000 });
  await a.close();
});

test("a tick made offline is queued, then sent when the connection returns", async ({
  browser,
  makeUser,
  signIn,
  startRun,
}) => {
  const { a, b, pageA, pageB, olivia } = await twoPeopleOnOneRun(browser, { makeUser, signIn, startRun });

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
  await expect(rowB.getByTestId("tick-evidence")).toContainText(olivia.name);
  await a.close();
  await b.close();
});

test("a queued tick of an item someone changed meanwhile comes back as a conflict, not an overwrite", async ({
  browser,
  makeUser,
  signIn,
  startRun,
}) => {
  const { a, b, pageA, pageB, omar } = await twoPeopleOnOneRun(browser, { makeUser, signIn, startRun });

  await a.setOffline(true);
  const rowA = itemRow(pageA, "pre-flight", "1");
  await rowA.getByRole("checkbox", { name: box("1") }).check();
  await expect(pageA.getByTestId("queued")).toBeVisible();
  await tick(pageB, "pre-flight", "1");

  await a.setOffline(false);
  await expect(appAlert(pageA)).toContainText("Someone else changed this item first", { timeout: 15_000 });
  await expect(rowA.getByTestId("tick-evidence")).toContainText(omar.name);
  await expect(pageA.getByTestId("queued")).toBeHidden();
  await a.close();
  await b.close();
});

test("the event stream is refused without a session", async ({ request }) => {
  const res = await request.get("/api/runs/1/events");
  expect(res.status()).toBe(401);
});
