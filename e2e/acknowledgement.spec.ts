import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { withDb } from "./support/db";
import { capturedMail, type CapturedMail } from "./support/mail-capture";
import { openRun, startSeedRun } from "./support/runs";
import { uniqueTag, uniqueVersion } from "./support/seed";

/** Someone without an account, with an address no other test mails. */
const listenerOfOwn = () => ({ name: "Lena Listener", email: `lena.listener-${uniqueTag()}@example.test` });

/** The acknowledgement email to `email`, once the app has sent it. */
async function mailTo(email: string): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(async () => (found = (await capturedMail()).find((m) => m.to.includes(email))), { timeout: 15_000 })
    .toBeDefined();
  return found!;
}

function ackLinkIn(mail: CapturedMail): string {
  const link = /https?:\/\/[^\s]+\/ack\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeDefined();
  return link!;
}

function rosterRow(page: Page, name: string) {
  return page.getByTestId("ack-row").filter({ hasText: name });
}

test("a listener acknowledges from the emailed link while the operator watches the roster", async ({
  browser,
  makeUser,
  signIn,
}) => {
  const LISTENER = listenerOfOwn();
  const version = uniqueVersion();
  const operatorContext = await browser.newContext();
  await signIn(await makeUser("operator"), operatorContext);
  const operator = await operatorContext.newPage();
  // The listener is named in the start form, as an operator would.
  const number = await startSeedRun(operator, version, {
    "Auditors / Listeners": `${LISTENER.name} <${LISTENER.email}>`,
  });

  const row = rosterRow(operator, LISTENER.name);
  await expect(row).toContainText(LISTENER.email);
  await expect(row.getByTestId("ack-state")).toHaveText("not yet");
  // Marks this page load: a reload would lose it.
  await operator.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const mail = await mailTo(LISTENER.email);
  expect(mail.subject).toBe(`Please acknowledge: Promote Changeset v${version} To Production`);
  const link = ackLinkIn(mail);
  expect(new URL(link).origin).toBe(new URL(operator.url()).origin);
  await expect(row.getByTestId("notify-state")).toContainText("emailed");

  // The listener has no account and is not signed in.
  const listenerContext = await browser.newContext();
  const listener = await listenerContext.newPage();
  await listener.goto(link);
  await expect(listener.getByRole("heading", { level: 1 })).toHaveText(
    `Promote Changeset v${version} To Production`,
  );
  await expect(listener.getByTestId("ack-changeset-version")).toHaveText(version);
  await expect(listener.getByText(`${LISTENER.name}, you are asked to acknowledge`)).toBeVisible();
  await expect(listener.getByTestId("ack-you-are-on")).toHaveText("Auditors / Listeners");
  await listener.getByRole("button", { name: "I acknowledge" }).click();
  const clickedAt = Date.now();
  const done = listener.getByTestId("acknowledged");
  await expect(done).toContainText("Acknowledged at");
  await expect(done.locator("time")).toHaveAttribute("title", /UTC$/);

  // The operator's page catches up by itself.
  const ackAt = row.getByTestId("ack-at");
  await expect(ackAt).toContainText("Acknowledged", { timeout: 5_000 });
  await expect(ackAt).toContainText("by link");
  const iso = await ackAt.locator("time").getAttribute("datetime");
  expect(Math.abs(Date.parse(iso!) - clickedAt)).toBeLessThan(5_000);
  expect(await operator.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
    true,
  );
  await expect(operator.getByTestId("ack-progress")).toHaveText("1 of 1 acknowledged");

  // Opening the link again shows the first time, not a new one.
  await listener.reload();
  await expect(listener.getByTestId("acknowledged").locator("time")).toHaveAttribute("datetime", iso!);

  // One character changed: not valid, and nothing about the run shows.
  const token = link.split("/ack/")[1]!;
  const tampered = link.replace(/.$/, token.endsWith("A") ? "B" : "A");
  const res = await listener.goto(tampered);
  expect(res?.status()).toBe(404);
  await expect(listener.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  await expect(listener.locator("body")).not.toContainText("Promote Changeset");

  // There is no way to close a run yet; close it in the database as a test-only step.
  await withDb((c) =>
    c.query("UPDATE runs SET status = 'closed', closed_at = now() WHERE number = $1", [number]),
  );
  await listener.goto(link);
  await expect(listener.getByRole("heading", { level: 1 })).toHaveText(
    "This run is closed; the link has expired",
  );
  await expect(listener.locator("body")).not.toContainText("Promote Changeset");

  await listenerContext.close();
  await operatorContext.close();
});

test("an unknown @handle is named under its group and no run is started", async ({ page, operator }) => {
  await page.goto("/runs/new?template=promote-changeset-to-production");
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill(uniqueVersion());
  await page.getByLabel("Changeset Team Acknowledgements").fill(`@${operator.handle}, @nobody-by-that-name`);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(
    page.getByText("Changeset Team Acknowledgements: No active user with handle @nobody-by-that-name"),
  ).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/runs/new");
});

test("an operator adds someone, copies a new link for them, and removes them", async ({
  page,
  operator,
  startRun,
}) => {
  const { number, version } = await startRun(operator);
  await openRun(page, number);
  const cole = `cole-${uniqueTag()}@example.test`;

  const group = page.getByTestId("ack-group-changeset-team-acknowledgements");
  await group.getByLabel("Add to Changeset Team Acknowledgements").fill(`Cole Team <${cole}>`);
  await group.getByRole("button", { name: "Add" }).click();
  const row = rosterRow(page, "Cole Team");
  await expect(row).toContainText(cole);
  await expect(row.getByTestId("notify-state")).toContainText("emailed");
  const emailed = ackLinkIn(await mailTo(cole));

  await row.getByRole("button", { name: "Copy link" }).click();
  const copied = await row.getByLabel("New link for Cole Team").inputValue();
  expect(copied).toMatch(/\/ack\/[A-Za-z0-9_-]{43}$/);
  expect(copied).not.toBe(emailed);
  await expect(row).toContainText("The previous link stops working.");

  const visitor = await page.context().browser()!.newContext();
  const v = await visitor.newPage();
  await v.goto(emailed);
  await expect(v.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  await v.goto(copied);
  await expect(v.getByRole("heading", { level: 1 })).toHaveText(
    `Promote Changeset v${version} To Production`,
  );

  await row.getByRole("button", { name: "Remove" }).click();
  await expect(rosterRow(page, "Cole Team")).toHaveCount(0);
  await v.goto(copied);
  await expect(v.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  await visitor.close();
});
