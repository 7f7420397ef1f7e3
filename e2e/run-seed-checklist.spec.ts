import { expect, test } from "./support/fixtures";
import { OLIVIA, signInViaUi } from "./support/auth";
import { uniqueVersion } from "./support/seed";
import { appAlert, itemRow, openRun, startSeedRun, tick } from "./support/runs";
import { opened, record } from "./support/flow";
import { FUTURE_WINDOW } from "../test/change-window";

test("an operator starts the seed promotion, ticks items and the evidence survives a reload", async ({
  page,
  operator,
}) => {
  const version = uniqueVersion();
  const number = await startSeedRun(page, version);

  // Placeholders are filled from the run's fields.
  await expect(itemRow(page, "phase-1-change-preparation", "1.2")).toContainText(
    `Name it "Production Pre-changeset ${version} Backup"`,
  );
  await expect(page.getByTestId("run-progress")).toHaveText("0 of 44 done");

  // Phase 1 opens once Pre-Flight is done.
  await tick(page, "pre-flight", "1");
  await record(page, "pre-flight", "2", FUTURE_WINDOW);
  await opened(page, "phase-1-change-preparation", "1.1");
  await tick(page, "phase-1-change-preparation", "1.1"); // nested
  await expect(page.getByTestId("run-progress")).toHaveText("3 of 44 done");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Promote Changeset v${version} To Production`,
  );
  for (const [section, path] of [
    ["pre-flight", "1"],
    ["pre-flight", "2"],
    ["phase-1-change-preparation", "1.1"],
  ] as const) {
    const row = itemRow(page, section, path);
    await expect(
      row.getByRole("checkbox", { name: new RegExp(`^Tick ${path.replace(".", "\\.")}:`) }),
    ).toBeChecked();
    const evidence = row.getByTestId("tick-evidence");
    await expect(evidence).toContainText(`${operator.name} (@${operator.handle}) at`);
    await expect(evidence.locator("time")).toHaveAttribute(
      "datetime",
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    await expect(row.getByTestId("elapsed")).toHaveText(/^\d+s$|^\d+m \d{2}s$/);
  }
  await expect(page.getByTestId("run-progress")).toHaveText("3 of 44 done");
  await expect(page.getByTestId("run-elapsed")).not.toHaveText("Elapsed: —");
  expect(number).toBeGreaterThan(0);
});

test("two people tick the same item at once: one wins, the other sees why", async ({
  browser,
  makeUser,
  signIn,
  startRun,
}) => {
  const [olivia, omar] = [await makeUser("operator"), await makeUser("operator")];
  const a = await browser.newContext();
  const b = await browser.newContext();
  await signIn(olivia, a);
  await signIn(omar, b);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const { number } = await startRun(olivia);
  await openRun(pageA, number);
  await tick(pageA, "pre-flight", "1");
  await record(pageA, "pre-flight", "2", FUTURE_WINDOW);
  // B must not hear A's tick live (e2e/live.spec.ts covers that): it acts on the version it loaded.
  await b.route("**/api/runs/*/events", (route) => route.abort());
  await pageB.goto(`/runs/${number}`);

  await tick(pageA, "phase-1-change-preparation", "1.2");
  // B still shows the item unticked, at the version it loaded.
  const rowB = itemRow(pageB, "phase-1-change-preparation", "1.2");
  await rowB.getByRole("checkbox", { name: /^Tick 1\.2:/ }).check();
  await expect(appAlert(pageB)).toContainText("Someone else changed this item first");
  await expect(rowB.getByTestId("tick-evidence")).toContainText(`${olivia.name} (@${olivia.handle})`);

  await pageB.reload();
  await expect(
    itemRow(pageB, "phase-1-change-preparation", "1.2").getByTestId("tick-evidence"),
  ).toContainText(olivia.name);
  await a.close();
  await b.close();
});

test("starting a run with a bad version names the field and creates nothing", async ({
  page,
  makeUser,
  signIn,
}) => {
  await signIn(await makeUser("operator"));
  await page.goto("/runs/new?template=promote-changeset-to-production");
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill("4");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(appAlert(page)).toContainText("Changeset Version");
  await expect(page.getByText("Use the form X.Y, e.g. 4.3")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/runs/new");
});

test("anonymous visitors are sent to sign in", async ({ page }) => {
  await page.goto("/runs/1");
  await expect(page).toHaveURL(/\/signin/);
  await signInViaUi(page, OLIVIA.email);
});
