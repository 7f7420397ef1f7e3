import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { uniqueTag } from "./support/seed";
import { queryOne } from "./support/db";

/**
 * The team switcher's menu entries, as the person sees them on their next page; none when
 * the person is in one team only (the switcher is then left out).
 */
async function switcherTeams(page: Page): Promise<string[]> {
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toBeVisible();
  const switcher = page.getByTestId("team-switcher");
  if (!(await switcher.count())) return [];
  await switcher.getByRole("button").click();
  const entries = await page.getByRole("menuitem").allTextContents();
  await page.keyboard.press("Escape");
  return entries.map((e) => e.trim());
}

async function setRole(page: Page, who: { name: string; handle: string }, team: string, role: string) {
  await page.getByLabel("Person").selectOption({ label: `${who.name} (@${who.handle})` });
  await page.getByLabel("Team", { exact: true }).selectOption({ label: team });
  await page.getByLabel("Role in the team").selectOption({ value: role });
  await page.getByRole("button", { name: "Set role" }).click();
}

test("an admin creates a team, gives a person a role in it and takes it away, each audited", async ({
  browser,
  page,
  makeUser,
  signIn,
}) => {
  const admin = await makeUser("admin");
  await signIn(admin);
  const tag = uniqueTag();
  const slug = `data-${tag}`;
  const teamName = `Data ${tag}`;

  const olive = await makeUser("operator");
  await page.goto("/admin/teams");
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create team" }) });

  // A slug that cannot be part of an address is refused on its field, and nothing is made.
  await form.getByLabel("Name").fill(teamName);
  await form.getByLabel("Slug").fill("Data Team");
  await form.getByRole("button", { name: "Create team" }).click();
  await expect(form.getByText("Lower-case letters, digits and - (up to 40)")).toBeVisible();
  expect(
    (await queryOne<{ n: string }>("SELECT count(*) AS n FROM teams WHERE name = $1", [teamName])).n,
  ).toBe("0");

  await form.getByLabel("Slug").fill(slug);
  await form.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: `${teamName} (${slug})`, level: 2 })).toBeVisible();

  // The same slug again names the field that clashes.
  await form.getByLabel("Name").fill(`${teamName} again`);
  await form.getByLabel("Slug").fill(slug);
  await form.getByRole("button", { name: "Create team" }).click();
  await expect(form.getByText("Already taken")).toBeVisible();

  const oliveContext = await browser.newContext();
  await signIn(olive, oliveContext);
  const olivePage = await oliveContext.newPage();
  expect(await switcherTeams(olivePage)).not.toContain(teamName);

  await setRole(page, olive, teamName, "operator");
  const members = page.getByTestId(`team-members-${slug}`);
  await expect(members).toContainText(`${olive.name} (@${olive.handle}) · operator`);
  // Roles are read on every request: Olive's next page offers the team.
  expect(await switcherTeams(olivePage)).toContain(teamName);

  await setRole(page, olive, teamName, "none");
  await expect(members).toHaveCount(0);
  await expect(
    page.locator("section", { has: page.getByRole("heading", { name: `${teamName} (${slug})` }) }),
  ).toContainText("No members.");
  expect(await switcherTeams(olivePage)).not.toContain(teamName);

  const audit = await queryOne<{ created: string; changes: string[] }>(
    `SELECT
       (SELECT count(*) FROM audit_events WHERE action = 'team.created' AND payload->>'slug' = $1
          AND actor_id = $3) AS created,
       (SELECT array_agg(coalesce(payload->>'from', '-') || '>' || coalesce(payload->>'to', '-') ORDER BY seq)
          FROM audit_events WHERE action = 'team.role_changed' AND payload->>'team' = $1
          AND payload->>'userId' = $2 AND actor_id = $3) AS changes`,
    [slug, olive.id, admin.id],
  );
  expect(audit).toEqual({ created: "1", changes: ["->operator", "operator>-"] });

  // The page is the admin's alone: Olive is refused, and the form's action refuses her too
  // (the authorization matrix calls it directly).
  const refused = await olivePage.goto("/admin/teams");
  expect(refused?.status()).toBe(403);
  await oliveContext.close();
});
