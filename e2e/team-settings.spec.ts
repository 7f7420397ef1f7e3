import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { demoUser, seedRun, seedUser, uniqueTag, type SeededUser } from "./support/seed";
import { integrationRequests } from "./support/integration-requests";
import { E2E_LIST, E2E_PAYMENTS_CHANNEL } from "./support/integration-fakes";

/**
 * Team settings over the workspace defaults (docs/decisions/0015): the demo payments team's
 * own Slack target carries its runs' announcements, while another team's runs use the
 * workspace's; and the settings page saves each setting and shows a refusal by its field.
 */

/** An operator of the test's own who holds the role in `teamSlug` only. */
async function operatorOf(teamSlug: string): Promise<SeededUser> {
  const { db } = await import("@/lib/db");
  const { setTeamRole } = await import("@/lib/teams/manage-teams");
  const user = await seedUser("operator");
  for (const teamId of Object.keys(user.teamRoles))
    await setTeamRole({ actor: "system", teamId, userId: user.id, role: null });
  const team = await db().team.findUniqueOrThrow({ where: { slug: teamSlug } });
  await setTeamRole({ actor: "system", teamId: team.id, userId: user.id, role: "operator" });
  return demoUser(user.email);
}

/** A one-announcement template of the team's, posting `text` to the Slack channel `channel`. */
async function announcementTemplate(team: string, channel: string, text: string) {
  const { importTemplate } = await import("@/lib/templates/import-template");
  const markdown =
    `# Notice ${text}\n\n### Announce\n1. * [ ] Post the notice <!-- runsheet: kind=notify -->\n` +
    `   "${text}"\n   1. * [ ] Slack channel "${channel}"\n`;
  return (await importTemplate({ actor: "system", markdown, team })).slug;
}

/** Sends the run's one announcement from its page; returns whose target the preview named. */
async function sendFromRunPage(page: Page, number: number) {
  await page.goto(`/runs/${number}`);
  await page.getByRole("button", { name: "Preview & send" }).click();
  const preview = page.getByTestId("notify-preview");
  const scope = await preview.getByTestId("target-scope").getAttribute("data-scope");
  await preview.getByRole("button", { name: "Send all" }).click();
  const delivery = page.getByTestId("delivery-slack");
  await expect(delivery).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
  return { scope, deliveredScope: await delivery.getByTestId("target-scope").getAttribute("data-scope") };
}

const posted = (requests: { body: string }[], text: string) => requests.some((r) => r.body.includes(text));

test("a payments run's Slack announcement reaches the payments team's webhook; a platform run's the workspace's", async ({
  browser,
  page,
  operator,
  makeUser,
  signIn,
}) => {
  const tag = uniqueTag();
  const paymentsText = `Payments notice ${tag}`;
  const platformText = `Platform notice ${tag}`;
  const payer = await operatorOf("payments");
  const paymentsRun = await seedRun(payer, {
    template: await announcementTemplate("payments", E2E_PAYMENTS_CHANNEL, paymentsText),
    fields: {},
  });
  // The platform team has no target of its own: the workspace's of the same name applies.
  const platformRun = await seedRun(operator, {
    template: await announcementTemplate("platform", E2E_PAYMENTS_CHANNEL, platformText),
    fields: {},
  });

  const payerContext = await browser.newContext();
  const { signInContext } = await import("./support/seed");
  await signInContext(payerContext, payer);
  const payerPage = await payerContext.newPage();
  expect(await sendFromRunPage(payerPage, paymentsRun.number)).toEqual({
    scope: "team",
    deliveredScope: "team",
  });
  expect(await sendFromRunPage(page, platformRun.number)).toEqual({
    scope: "workspace",
    deliveredScope: "workspace",
  });

  // The team's operator reads its targets; an admin, who sets them, tests the team's own from
  // its settings page, and the payments webhook gets it.
  await payerPage.goto("/teams/payments/settings");
  const paymentsTarget = payerPage.getByTestId(`team-target-slack-${E2E_PAYMENTS_CHANNEL}`);
  await expect(paymentsTarget.getByTestId("target-in-force")).toHaveAttribute("data-scope", "team");
  await expect(paymentsTarget.getByRole("button")).toHaveCount(0);
  await expect(payerPage.getByText("Admins set a team's targets")).toBeVisible();
  const adminContext = await browser.newContext();
  await signIn(await makeUser("admin"), adminContext);
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/teams/payments/settings");
  await adminPage
    .getByTestId(`team-target-slack-${E2E_PAYMENTS_CHANNEL}`)
    .getByRole("button", { name: `Send test message to Slack channel ${E2E_PAYMENTS_CHANNEL}` })
    .click();
  await expect(adminPage.getByTestId("team-target-test")).toContainText("Test sent:");
  await adminContext.close();

  const seen = await integrationRequests();
  expect(posted(seen.paymentsSlack, paymentsText)).toBe(true);
  expect(posted(seen.slack, paymentsText)).toBe(false);
  expect(posted(seen.slack, platformText)).toBe(true);
  expect(posted(seen.paymentsSlack, platformText)).toBe(false);
  expect(
    posted(seen.paymentsSlack, `Test message from Runsheet for slack target “${E2E_PAYMENTS_CHANNEL}”`),
  ).toBe(true);
  await payerContext.close();
});

test("the team settings page saves each setting, shows refusals by field, and is not found for another team", async ({
  browser,
  page,
  makeUser,
  signIn,
}) => {
  const tag = uniqueTag();
  const { createTeam } = await import("@/lib/teams/manage-teams");
  const team = await createTeam({ actor: "system", name: `Ledger ${tag}`, slug: `ledger-${tag}` });
  const lead = await operatorOf(team.slug);
  const context = await browser.newContext();
  const { signInContext } = await import("./support/seed");
  await signInContext(context, lead);
  const settings = await context.newPage();
  await settings.goto(`/teams/${team.slug}/settings`);
  await expect(settings.getByRole("heading", { level: 1 })).toHaveText(`Ledger ${tag}: team settings`);

  // The team's targets are an admin's to set: the lead has no form for them.
  await expect(settings.getByTestId("team-target-form")).toHaveCount(0);
  const adminContext = await browser.newContext();
  await signIn(await makeUser("admin"), adminContext);
  const adminSettings = await adminContext.newPage();
  await adminSettings.goto(`/teams/${team.slug}/settings`);

  // A Slack target: a URL instead of a variable name is refused beside its field.
  const form = adminSettings.getByTestId("team-target-form");
  await form.getByLabel("Name, as the templates write it").fill(E2E_LIST);
  const webhook = form.getByLabel("Webhook URL from the environment variable");
  await webhook.fill("https://hooks.slack.com/services/x");
  await form.getByRole("button", { name: "Save team target" }).click();
  await expect(webhook).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByTestId("field-error")).toContainText("SLACK_WEBHOOK_");
  await webhook.fill("SLACK_WEBHOOK_LEDGER");
  await form.getByRole("button", { name: "Save team target" }).click();
  await expect(form.getByRole("status")).toContainText("Saved.");
  const row = adminSettings.getByTestId(`team-target-slack-${E2E_LIST}`);
  await expect(row.getByTestId("target-in-force")).toHaveAttribute("data-scope", "team");

  await adminContext.close();

  // Reminder defaults: a lead of 0 minutes is refused by its field; 120 is kept.
  const reminders = settings.getByTestId("team-reminders-form");
  const days = reminders.getByLabel("Phases due a day or more ahead: remind, minutes before");
  await days.fill("0");
  await reminders.getByRole("button", { name: "Save reminder defaults" }).click();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expect(reminders.getByTestId("field-error")).toHaveText("At least 1 minute.");
  await days.fill("120");
  await reminders.getByLabel("Escalate a phase overdue by, minutes").fill("20");
  await reminders.getByRole("button", { name: "Save reminder defaults" }).click();
  await expect(reminders.getByRole("status")).toContainText("Saved.");

  // Default approvers: the team's operator, and a minimum quorum (0 is refused by its field).
  const approvers = settings.getByTestId("team-approvers-form");
  await approvers.getByLabel(`${lead.name} (@${lead.handle})`).check();
  const quorum = approvers.getByLabel("Minimum approvals for GO");
  await quorum.fill("0");
  await approvers.getByRole("button", { name: "Save approvers" }).click();
  await expect(quorum).toHaveAttribute("aria-invalid", "true");
  await expect(approvers.getByTestId("field-error")).toHaveText("Between 1 and 20.");
  await quorum.fill("2");
  await approvers.getByRole("button", { name: "Save approvers" }).click();
  await expect(approvers.getByRole("status")).toContainText("Saved.");

  await settings.reload();
  await expect(settings.getByTestId("team-reminders-form").getByLabel(/a day or more ahead/)).toHaveValue(
    "120",
  );
  await expect(
    settings.getByTestId("team-approvers-form").getByLabel(`${lead.name} (@${lead.handle})`),
  ).toBeChecked();
  await context.close();

  // An operator of another team is told the team does not exist.
  await signIn(await makeUser("operator"));
  await page.goto(`/teams/${team.slug}/settings`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
