/**
 * Sign-in groups against a real OpenID Connect provider on loopback (test/fakes/oidc-provider.ts,
 * started with the app by e2e/support/server.ts): the browser goes through the provider's own
 * login page, next-auth checks discovery, PKCE, state and the signed ID token, and the groups
 * in that token give or take team roles (docs/decisions/0016-sign-in-groups-map-to-team-roles.md).
 */
import type { Page } from "@playwright/test";
import { expect, test, type SeededUser } from "./support/fixtures";
import { setOidcAccount, signInWithSso } from "./support/oidc";
import { openRun, tick } from "./support/runs";
import { seedRun, uniqueTag } from "./support/seed";

const GROUP = "payments-ops";

/** A run of the payments team (the demo seed's second team), started by an admin. */
async function paymentsRun(admin: SeededUser) {
  const { importTemplate } = await import("@/lib/templates/import-template");
  const markdown = `# Settlement drill ${uniqueTag()}\n\n### Pre-flight\n* [ ] Check the ledger\n* [ ] Pause settlements\n`;
  const t = await importTemplate({ actor: "system", markdown, team: "payments" });
  return seedRun(admin, { template: t.slug, fields: {} });
}

const claims = (person: SeededUser, groups: string[], more: Record<string, unknown> = {}) => ({
  email: person.email,
  email_verified: true,
  name: person.name,
  groups,
  ...more,
});

async function expectNotFound(page: Page, number: number) {
  await page.goto(`/runs/${number}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);
}

test("a mapped group gives a team role at sign-in; leaving the group or removing the mapping takes it away", async ({
  page,
  browser,
  makeUser,
  signIn,
}) => {
  const admin = await makeUser("admin");
  await signIn(admin);
  const person = await makeUser("operator");
  const run = await paymentsRun(admin);
  await setOidcAccount(person.email, claims(person, [GROUP, "all-staff"]));

  await test.step("a mapping to an unknown team is refused on the form and stores nothing", async () => {
    await page.goto("/admin/sign-in-groups");
    await page.getByLabel("Group", { exact: true }).fill(GROUP);
    await page.getByLabel("Team", { exact: true }).fill("no-such-team");
    await page.getByRole("button", { name: "Map group" }).click();
    await expect(page.getByTestId("field-error")).toHaveText('No team "no-such-team"');
    await expect(page.getByTestId("sign-in-group-mappings")).toHaveCount(0);
  });

  await test.step("the admin maps the group to the payments team's operator role", async () => {
    await page.getByLabel("Team", { exact: true }).fill("payments");
    await page.getByLabel("Role in the team").selectOption("operator");
    await page.getByRole("button", { name: "Map group" }).click();
    await expect(page.getByTestId(`sign-in-group-${GROUP}-payments`)).toContainText("operator");
  });

  const personContext = await browser.newContext();
  const personPage = await personContext.newPage();
  await test.step("the person signs in through the provider and works as an operator on the payments run", async () => {
    await signInWithSso(personPage, person.email);
    await expect(personPage.getByTestId("current-user")).toContainText(person.name);
    await openRun(personPage, run.number);
    await tick(personPage, "pre-flight", "1");
  });

  await test.step("out of the group, the next sign-in takes the role away", async () => {
    await setOidcAccount(person.email, claims(person, ["all-staff"]));
    await signOut(personPage);
    // The provider remembers the person: it sends them straight back with a fresh ID token.
    await signInWithSso(personPage, person.email);
    await expect(personPage.getByTestId("current-user")).toContainText(person.name);
    await expectNotFound(personPage, run.number);
  });

  await test.step("back in the group, the role returns; the admin removing the mapping ends it at the next request", async () => {
    await setOidcAccount(person.email, claims(person, [GROUP]));
    await signOut(personPage);
    await signInWithSso(personPage, person.email);
    await openRun(personPage, run.number);

    await page.goto("/admin/teams");
    await expect(page.getByTestId("team-members-payments")).toContainText(`${person.name}`);
    await page.goto("/admin/sign-in-groups");
    const row = page.getByTestId(`sign-in-group-${GROUP}-payments`);
    await row.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Remove mapping" }).click();
    await expect(row).toHaveCount(0);

    await expectNotFound(personPage, run.number);
  });
  await personContext.close();
});

test("the provider's word is not enough for an unknown person or an unverified email", async ({
  page,
  makeUser,
}) => {
  const stranger = `stranger-${uniqueTag()}@e2e.test`;
  await setOidcAccount(stranger, { email: stranger, email_verified: true, groups: [GROUP] });
  await signInWithSso(page, stranger);
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
  await expect(page.getByRole("alert").filter({ hasText: "cannot sign in" })).toBeVisible();

  const person = await makeUser("operator");
  await page.context().clearCookies();
  await setOidcAccount(person.email, claims(person, [GROUP], { email_verified: false }));
  await signInWithSso(page, person.email);
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
});
