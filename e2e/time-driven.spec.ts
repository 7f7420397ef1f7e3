import { expect, test } from "./support/fixtures";
import { openRun } from "./support/runs";

test("a window brings the run's reminders, its .ics, and a private calendar feed that can be revoked", async ({
  page,
  request,
  operator,
  startRun,
}) => {
  const { number, version } = await startRun(operator);
  await openRun(page, number);
  await page.getByRole("button", { name: "Set window" }).click();
  await page.locator("input[name=start]").fill("2027-02-10T22:00");
  await page.locator("input[name=end]").fill("2027-02-11T00:00");
  await page.getByRole("button", { name: "Save window" }).click();
  await expect(page.getByTestId("mission-clock")).toBeVisible();

  // The seed's four timed phases: a reminder before each and an escalation after.
  await page.reload();
  await expect(page.getByTestId("run-reminder")).toHaveCount(8);
  await expect(page.getByTestId("run-reminders")).toContainText("Pre-Flight");
  await expect(page.getByTestId("run-forecasts")).toContainText("too few to forecast");

  const href = await page.getByRole("link", { name: /Add the window to your calendar/ }).getAttribute("href");
  const ics = await page.request.get(href!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain(`SUMMARY:#${number} Promote Changeset v${version} To Production`);
  expect(body.match(/BEGIN:VALARM/g)).toHaveLength(4);

  // A lead time longer than the phase's offset is refused, by name, and nothing is saved.
  await page.goto("/templates/promote-changeset-to-production");
  await page.getByRole("link", { name: "Reminders and escalation" }).click();
  await page.getByLabel(/^Lead time for Phase 2/).fill("30");
  await page.getByRole("button", { name: "Save reminders" }).click();
  await expect(page.getByTestId("reminder-policy")).toContainText(
    "The lead time 30m is longer than the phase's offset T-1m.",
  );

  await page.goto("/settings/calendar");
  await page.getByRole("button", { name: "Create feed URL" }).click();
  const url = await page.getByLabel("Calendar feed URL").inputValue();
  const path = new URL(url).pathname;
  // The feed needs no session: `request` carries no cookies.
  const feed = await request.get(path);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain(`#${number} Promote Changeset v${version}`);

  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status")).toContainText("Revoked");
  const revoked = await request.get(path);
  expect(revoked.status()).toBe(410);
  expect((await revoked.json()).error).toContain("This calendar feed was revoked.");
  expect((await request.get("/calendar/not-a-real-token-at-all-xxxxxxxx.ics")).status()).toBe(404);
});
