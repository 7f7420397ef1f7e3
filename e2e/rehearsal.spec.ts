import { expect, test, type Page } from "@playwright/test";
import { OLIVIA, OMAR, signInViaApi } from "./support/auth";
import { itemRow, tick } from "./support/runs";
import { approveGo, completeChild, opened, record, SEED as S, tickAllOpen } from "./support/flow";
import { fakeAwsState, resetFakeAws, runAwsStep } from "./support/automation";
import { capturedMail } from "./support/mail-capture";
import { integrationRequests } from "./support/integration-requests";
import { BLUE_STACK_ID, GREEN_STACK_ID } from "../test/fakes/aws";
import { FUTURE_WINDOW } from "../test/change-window";

test.describe.configure({ timeout: 300_000 });

const WATCH = "watch@andromeda.example.test";
const REHEARSAL_ADDRESS = "rehearsal@andromeda.example.test";

/**
 * Sends an announcement of a rehearsal: email and Slack go to the targets' test destinations
 * (configured in e2e/support/integration-fakes.ts), the status page has none and is captured.
 */
async function announce(page: Page, section: string, path: string, channelPaths: string[]) {
  const parent = itemRow(page, section, path);
  await parent.getByRole("button", { name: "Preview & send" }).click();
  const preview = parent.getByTestId("notify-preview");
  await expect(preview).toContainText(`Rehearsal test destination: To ${REHEARSAL_ADDRESS}`);
  await expect(preview).toContainText("will be captured, not sent");
  await preview.getByRole("button", { name: "Send all" }).click();
  const expected = { email: "delivered", slack: "delivered", statuspage: "captured" } as const;
  for (const [n, channel] of (["email", "slack", "statuspage"] as const).entries()) {
    const row = itemRow(page, section, channelPaths[n]!);
    await expect(row.getByTestId(`delivery-${channel}`)).toHaveAttribute("data-status", expected[channel], {
      timeout: 20_000,
    });
    await expect(row).toHaveAttribute("data-state", "done");
  }
  await expect(itemRow(page, section, channelPaths[2]!)).toContainText("captured, not sent");
}

/** Runs a rehearsal's AWS step: a dry run that calls nothing and still ticks its item. */
async function rehearseStep(page: Page, section: string, path: string, button: string) {
  const row = await runAwsStep(page, section, path, button);
  await expect(row.getByTestId("automation-status").first()).toContainText(
    "Rehearsal dry run, nothing called",
  );
}

test("a rehearsal of the seed goes end to end against the fakes and touches no production target", async ({
  page,
  browser,
}) => {
  const version = `9.${Date.now() % 100_000}`;
  await signInViaApi(page.request, OLIVIA.email);
  await resetFakeAws(page);
  const awsBefore = await fakeAwsState(page);
  const before = await integrationRequests();

  await page.goto("/runs/new?template=promote-changeset-to-production");
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill(version);
  await page.getByLabel("Stack ID for prechange Blue Stack").fill(BLUE_STACK_ID);
  await page.getByLabel("Stack ID for prechange Green Stack").fill(GREEN_STACK_ID);
  await page.getByLabel("Start as a rehearsal").check();
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/\d+$/);
  const number = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("rehearsal-banner")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Rehearsal: Promote Changeset v${version} To Production`,
  );

  await tick(page, S.preflight, "1");
  await record(page, S.preflight, "2", FUTURE_WINDOW);
  await opened(page, S.p1);
  await rehearseStep(page, S.p1, "1", "Start backup");
  await tickAllOpen(page, S.p1);

  await opened(page, S.p2);
  await announce(page, S.p2, "1", ["1.1", "1.2", "1.3"]);
  await tickAllOpen(page, S.p2);

  await opened(page, S.p3);
  await tick(page, S.p3, "1");
  await record(page, S.p3, "2.1", `${version}.0`);
  await tick(page, S.p3, "2");
  await rehearseStep(page, S.p3, "3", "Update stack");
  await expect(itemRow(page, S.p3, "4").getByTestId("tick-evidence")).toContainText("elapsed");

  // The Blue-side tests child of a rehearsal is a rehearsal too.
  const child = await completeChild(page, S.p4, "1");
  await approveGo(page, browser, OMAR.email, `Blue side rehearsed for ${version}.`);
  await announce(page, S.p4, "2", ["2.1", "2.2", "2.3"]);

  await opened(page, S.go, "1.1");
  await tick(page, S.go, "1.1");
  await tick(page, S.go, "1.2");
  await rehearseStep(page, S.go, "1", "Prescale Blue");
  await tick(page, S.go, "2.1");
  await tick(page, S.go, "2.2");
  await rehearseStep(page, S.go, "2", "Switch DNS");
  await rehearseStep(page, S.go, "3", "Run tests");
  await tick(page, S.go, "5");
  await expect(page.getByTestId("run-result")).toHaveText("SUCCEEDED");
  await opened(page, S.wrap);
  await announce(page, S.wrap, "1", ["1.1", "1.2", "1.3"]);

  // No production target was touched: AWS, the Slack webhook, the status page, the watch list.
  const awsAfter = await fakeAwsState(page);
  expect(awsAfter.calls).toEqual(awsBefore.calls);
  expect(awsAfter.denied).toEqual([]);
  // Other runs' maintenance sweeps may talk to the status page meanwhile: what matters is
  // that nothing about this rehearsal (its version, its title) reached a production fake.
  const after = await integrationRequests();
  const aboutThisRun = (r: { body: string }) => r.body.includes(version) || r.body.includes("Rehearsal");
  expect(after.slack.filter(aboutThisRun)).toEqual([]);
  expect(after.statuspage.filter(aboutThisRun)).toEqual([]);
  const mail = (await capturedMail()).filter((m) => m.text.includes(version));
  expect(mail.filter((m) => m.to.includes(WATCH))).toEqual([]);
  // The test destinations got each of the three announcements once.
  expect(mail.filter((m) => m.to.includes(REHEARSAL_ADDRESS))).toHaveLength(3);
  expect(
    after.rehearsalSlack.slice(before.rehearsalSlack.length).filter((r) => r.body.includes(version)),
  ).toHaveLength(3);

  // Marked in the lists, left out of the promotions list unless asked for, its own export.
  await page.goto("/");
  const homeRow = page
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: `#${number}`, exact: true }) });
  await expect(homeRow.getByTestId("rehearsal-badge")).toBeVisible();
  await page.goto(`/promotions?version=${version}`);
  await expect(page.getByRole("cell", { name: new RegExp(`Promote Changeset v${version}`) })).toHaveCount(0);
  await page.goto(`/promotions?version=${version}&rehearsals=include`);
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: `v${version}` })
      .first()
      .getByTestId("rehearsal-badge"),
  ).toBeVisible();
  const exported = await page.request.get(`/api/v1/runs/${number}/export?format=md`);
  expect(exported.headers()["content-disposition"]).toContain(`rehearsal-run-${number}-checklist.md`);
  expect(await exported.text()).toContain("REHEARSAL");
  const childRun = await (await page.request.get(`/api/v1/runs/${child}`)).json();
  expect(childRun).toMatchObject({ rehearsal: true, title: expect.stringMatching(/^Rehearsal: /) });
});

test("bad input for a rehearsal is refused by field and creates nothing", async ({ page }) => {
  await signInViaApi(page.request, OLIVIA.email);
  const count = async () =>
    (await (await page.request.get("/api/v1/runs?rehearsals=include&limit=1")).json()).total;
  const before = await count();
  const unknownVersion = await page.request.post("/api/v1/runs", {
    data: {
      template: "promote-changeset-to-production",
      fields: { promotionDate: "2026-12-01", changesetVersion: "9.9" },
      rehearsal: true,
      templateVersion: 999,
    },
  });
  expect(unknownVersion.status()).toBe(400);
  expect((await unknownVersion.json()).fieldErrors).toEqual({ templateVersion: ["No version 999"] });
  const child = await page.request.post("/api/v1/runs", {
    data: { template: "blue-side-tests-production", fields: {}, rehearsal: true },
  });
  expect(child.status()).toBe(400);
  expect((await child.json()).fieldErrors).toHaveProperty("rehearsal");
  expect(await count()).toBe(before);

  // The template page offers a rehearsal of the version it shows.
  await page.goto("/templates/promote-changeset-to-production");
  await page.getByRole("link", { name: /^Repeat as rehearsal/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Rehearse: /);
  await expect(page.getByLabel("Start as a rehearsal")).toBeChecked();
});
