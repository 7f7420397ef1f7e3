import { expect, test } from "./support/fixtures";
import { SAM, signInViaUi } from "./support/auth";
import { demoUser, uniqueTag, uniqueVersion } from "./support/seed";
import { appAlert, itemRow, openRun, startSeedRun, tick } from "./support/runs";
import { actionKey, builtActions, callAction } from "./support/server-actions";
import { queryOne } from "./support/db";

test("an auditor sees a run with no control that changes it, and a forged tick is refused", async ({
  browser,
  baseURL,
  makeUser,
  signIn,
  startRun,
}) => {
  const olivia = await makeUser("operator");
  const operator = await browser.newContext();
  await signIn(olivia, operator);
  const opPage = await operator.newPage();
  const { number, version } = await startRun(olivia);
  await openRun(opPage, number);
  await tick(opPage, "pre-flight", "1");

  const auditor = await browser.newContext();
  await signIn(await makeUser("auditor"), auditor);
  const page = await auditor.newPage();
  await page.goto(`/runs/${number}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Promote Changeset v${version} To Production`,
  );
  await expect(itemRow(page, "pre-flight", "1").getByTestId("tick-evidence")).toContainText(olivia.name);
  // Nothing on the page can change the run: every checkbox of an item and every select is disabled, no edit buttons.
  const main = page.locator("main");
  for (const box of await main.getByRole("checkbox", { name: /^Tick / }).all())
    await expect(box).toBeDisabled();
  for (const select of await main.locator("select").all()) await expect(select).toBeDisabled();
  await expect(
    main.getByRole("button", {
      name: /note|Start clock|Change|Add|Remove|Send|Copy|Skip|Close|Set window|Create|Record|Revise|Acknowledge/,
    }),
  ).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start a run…" })).toHaveCount(0);

  // The same POST the operator's browser makes, from the auditor's session.
  const tickAction = builtActions().find((a) => actionKey(a) === "app/(app)/runs/actions.ts#tickItemAction")!;
  const item = await queryOne<{ id: string; version: number; run_id: string }>(
    "SELECT i.id, i.version, i.run_id FROM run_items i JOIN runs r ON r.id = i.run_id WHERE r.number = $1 AND i.position = 1",
    [number],
  );
  const forged = await callAction(
    page.request,
    tickAction,
    { runId: item.run_id, itemId: item.id, version: item.version, done: true },
    baseURL!,
  );
  expect(forged).toMatchObject({ ok: false, code: "forbidden" });
  const after = await queryOne<{ state: string; version: number }>(
    "SELECT state, version FROM run_items WHERE id = $1",
    [item.id],
  );
  expect(after).toEqual({ state: "open", version: item.version });
  await operator.close();
  await auditor.close();
});

test("an invited operator joins, and demoting them to auditor ends their session at their next request", async ({
  browser,
  makeUser,
  signIn,
}) => {
  const admin = await browser.newContext();
  await signIn(await makeUser("admin"), admin);
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  const tag = uniqueTag();
  await adminPage.getByLabel("name").fill("Nina Newcomer");
  await adminPage.getByLabel("email").fill(`nina-${tag}@runsheet.local`);
  await adminPage.getByLabel("handle").fill(`nina${tag}`);
  await adminPage.getByRole("button", { name: "Invite" }).click();
  const link = (await adminPage.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);

  const nina = await browser.newContext();
  const page = await nina.newPage();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nina Newcomer");
  await page.getByLabel(/Password/).fill("nina's long password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");
  // The link works once.
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This invitation is not valid");

  await signInViaUi(page, `nina-${tag}@runsheet.local`, "nina's long password");
  const number = await startSeedRun(page, uniqueVersion());
  await tick(page, "pre-flight", "1");

  await adminPage.reload();
  await adminPage.getByLabel("Role of Nina Newcomer").selectOption("auditor");
  await adminPage.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(adminPage.getByLabel("Role of Nina Newcomer")).toHaveValue("auditor");
  await expect
    .poll(
      async () =>
        (await queryOne<{ role: string }>("SELECT role FROM users WHERE handle = $1", [`nina${tag}`])).role,
    )
    .toBe("auditor");

  // Nina's open page still shows controls; a role change ends her sessions, so her next
  // request is refused as signed out. click, not check: the box does not stay ticked.
  await itemRow(page, "pre-flight", "1")
    .getByRole("checkbox", { name: /^Tick 1:/ })
    .click();
  await expect(appAlert(page)).toContainText("Sign in to continue.");
  // Signed in again, she is what her new role allows.
  await signInViaUi(page, `nina-${tag}@runsheet.local`, "nina's long password");
  await page.goto(`/runs/${number}`);
  await expect(page.getByTestId("current-user")).toContainText("auditor");
  await expect(itemRow(page, "pre-flight", "1").getByRole("checkbox", { name: /^Tick 1:/ })).toBeDisabled();
  expect(number).toBeGreaterThan(0);
  await admin.close();
  await nina.close();
});

test("my items lists what is assigned to me across open runs", async ({ page, operator, startRun }) => {
  const { number } = await startRun(operator);
  await openRun(page, number);
  const toAssign = itemRow(page, "phase-1-change-preparation", "1");
  await toAssign.getByRole("button", { name: "More actions for 1" }).click();
  await toAssign.getByRole("menuitem", { name: "Assign…" }).click();
  await toAssign.getByLabel("Assignee for 1").selectOption({ label: `@${operator.handle}` });
  // The select shows the choice at once; wait for the server to have it before moving on.
  await expect
    .poll(async () => {
      const row = await queryOne<{ assignee_id: string | null }>(
        "SELECT i.assignee_id FROM run_items i JOIN runs r ON r.id = i.run_id WHERE r.number = $1 AND i.position = 2",
        [number],
      );
      return row.assignee_id;
    })
    .not.toBeNull();
  await page.getByLabel("Only items assigned to me").check();
  // Item rows only (a locked row's explanation has a test id of its own).
  await expect(page.locator("li[data-testid^=item-]")).toHaveCount(1);
  await page.goto("/my");
  await expect(page.getByTestId("my-items")).toContainText(`#${number}`);
  await expect(page.getByTestId("my-items")).toContainText("Kick-off special pre-change backup");
});

test("the header offers each role only the pages it can use", async ({ page, signIn }) => {
  // The demo subscriber: subscribed to the demo run #1 by the seed.
  await signIn(await demoUser(SAM.email));
  await page.goto("/");
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Runs", exact: true })).toBeVisible();
  for (const name of ["My items", "Templates", "Promotions", "Tokens", "Users", "Integrations"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  }
  // A subscriber's run list holds only the runs they are subscribed to (the demo run #1).
  await expect(page.getByRole("link", { name: "Promote Changeset v4.3 To Production" })).toBeVisible();
});
