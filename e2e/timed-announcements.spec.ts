import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OLIVIA, SAM, signInViaApi } from "./support/auth";
import { capturedMail } from "./support/mail-capture";
import { itemRow } from "./support/runs";
import { opened, record, tickAllOpen } from "./support/flow";

const PHASE_2 = "phase-2-prechange-commencement-notice";
const seed = readFileSync(
  path.join(process.cwd(), "lib", "templates", "builtin", "promote-changeset-to-production.md"),
  "utf8",
);

test("a timed announcement is confirmed in one click; a /cc subscriber sees the run and is not asked to acknowledge", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signInViaApi(page.request, OLIVIA.email);
  // The seed, its /cc naming Sam and a handle nobody has, under its own name.
  const tag = Date.now().toString(36);
  const imported = await page.request.post(
    `/api/v1/templates?name=${encodeURIComponent(`Timed promotion ${tag}`)}`,
    {
      data: seed.replace(/^\/cc .*$/m, `/cc @${SAM.handle} @nobody-${tag}`),
      headers: { "content-type": "text/markdown" },
    },
  );
  expect([200, 201]).toContain(imported.status());
  const { slug } = (await imported.json()) as { slug: string };

  await page.goto(`/templates/${slug}/reminders`);
  await page.getByLabel(/Ask for a confirm/).check();
  await page.getByRole("button", { name: "Save timed announcements" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  await page.goto(`/runs/new?template=${slug}`);
  await page.getByLabel("Promotion Date").fill("2026-12-01");
  await page.getByLabel("Changeset Version").fill("8.8");
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/\d+$/);
  const number = Number(new URL(page.url()).pathname.split("/").pop());
  // The unknown handle is reported; the run started anyway.
  await expect(page.getByTestId("cc-unknown")).toContainText(`@nobody-${tag}`);
  await expect(page.getByTestId("cc-subscribers")).toContainText(SAM.name);

  // The window opens in under two minutes: Phase 2's notice ("1 minute before change") is due a minute earlier.
  const start = Math.ceil((Date.now() + 100_000) / 60_000) * 60_000;
  // "YYYY-MM-DDTHH:mm" in the browser's own zone, as the window form reads it.
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, start);
  await record(page, "pre-flight", "2", local);
  await tickAllOpen(page, "pre-flight");
  await opened(page, "phase-1-change-preparation");
  await tickAllOpen(page, "phase-1-change-preparation", { outside: true });
  await opened(page, PHASE_2);
  await page
    .getByTestId("run-window")
    .getByRole("button", { name: /^(Change|Set window)$/ })
    .click();
  await page.locator("input[name=start]").fill(local);
  await page.getByRole("button", { name: "Save window" }).click();

  const notice = itemRow(page, PHASE_2, "1");
  await expect(notice.getByTestId("timed-announcement")).toHaveAttribute("data-status", "pending");
  await expect(async () => {
    await page.reload();
    await expect(notice.getByTestId("timed-announcement")).toHaveAttribute("data-status", "due", {
      timeout: 2000,
    });
  }).toPass({ timeout: 180_000, intervals: [3000] });
  await expect(notice).toContainText("Due: confirm sending");
  const asked = (await capturedMail()).find(
    (m) =>
      m.to.includes(OLIVIA.email) &&
      m.subject.startsWith("Due: confirm sending") &&
      m.subject.includes(`#${number} `),
  );
  expect(asked?.text).toContain(`/runs/${number}#item-`);

  await notice.getByRole("button", { name: "Confirm sending" }).click();
  for (const [p, channel] of [
    ["1.1", "email"],
    ["1.2", "slack"],
    ["1.3", "statuspage"],
  ] as const)
    await expect(itemRow(page, PHASE_2, p).getByTestId(`delivery-${channel}`)).toHaveAttribute(
      "data-status",
      "delivered",
      { timeout: 20_000 },
    );
  await expect(notice.getByTestId("timed-announcement")).toHaveAttribute("data-status", "sent");
  await expect(notice.getByTestId("timed-announcement")).toContainText(`Confirmed by ${OLIVIA.name}`);

  // Sam, copied by /cc: reads the run, is told by email, and has nothing to acknowledge.
  const context = await browser.newContext();
  const samPage = await context.newPage();
  await signInViaApi(samPage.request, SAM.email);
  await samPage.goto(`/runs/${number}`);
  await expect(samPage.getByRole("heading", { level: 1 })).toHaveText("Promote Changeset v8.8 To Production");
  await expect(samPage.getByTestId("cc-subscribers")).toContainText(`${SAM.name} @${SAM.handle} (you)`);
  await expect(samPage.getByTestId("ack-roster").getByRole("button", { name: /acknowledge/i })).toHaveCount(
    0,
  );
  const toSam = (await capturedMail()).filter(
    (m) => m.to.includes(SAM.email) && m.subject.includes(`Run #${number}`),
  );
  expect(toSam.map((m) => m.subject)).toEqual([
    `Copied: Run #${number}: Promote Changeset v8.8 To Production`,
  ]);
  await context.close();
});
