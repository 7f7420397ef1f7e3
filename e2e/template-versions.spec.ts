import { readFile } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import { SEED_TEMPLATE_FILE, uniqueTag } from "./support/seed";

const CHANGED_FROM = "* [ ] Confirm Go Call\n";
const CHANGED_TO = "* [ ] Confirm Go Call with the release manager\n";
const LAST_PREFLIGHT_ITEM =
  "* [ ] Confirm Maintenance Window Schedule and Record here: _MAINTENANCE_WINDOW_DATE_TIME_ <!-- runsheet: kind=record -->\n";
const ADDED = "Book the war room for the maintenance window";

test("editing a template adds a version that can be compared with the last and exported", async ({
  page,
  operator: _signedIn, // signs the page in
  makeTemplate,
}) => {
  // A copy of the seed's promotion of this test's own: every other spec starts the seed itself.
  const { slug: SLUG } = await makeTemplate(
    await readFile(SEED_TEMPLATE_FILE, "utf8"),
    `Promotion copy ${uniqueTag()}`,
  );
  await page.goto(`/templates/${SLUG}`);
  const shown = page.getByTestId("shown-version");
  await expect(shown).toContainText("(latest)");
  const before = Number(/^v(\d+)/.exec((await shown.textContent()) ?? "")?.[1]);
  const after = before + 1;

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const source = page.getByLabel(`Markdown of version ${before}`);
  const markdown = await source.inputValue();
  expect(markdown).toContain(CHANGED_FROM);
  await source.fill(
    markdown
      .replace(CHANGED_FROM, CHANGED_TO)
      .replace(LAST_PREFLIGHT_ITEM, `${LAST_PREFLIGHT_ITEM}* [ ] ${ADDED}\n`),
  );
  await page.getByRole("button", { name: "Save as a new version" }).click();

  await page.waitForURL(new RegExp(`/templates/${SLUG}\\?version=${after}$`));
  // The template is imported into the default team, which the demo calls Andromeda platform.
  await expect(shown).toHaveText(
    new RegExp(`^v${after} \\(latest\\) · 9 sections · 45 items · Andromeda platform$`),
  );
  await expect(page.getByText(ADDED)).toBeVisible();
  const versions = page.getByRole("region", { name: "Versions" });
  await expect(versions.getByRole("link", { name: `v${before}`, exact: true })).toBeVisible();

  // The older version is still there as it was.
  await versions.getByRole("link", { name: `v${before}`, exact: true }).click();
  await expect(shown).toContainText(`v${before} (latest is v${after})`);
  await expect(page.getByText(ADDED)).toHaveCount(0);

  await page.getByLabel("From").selectOption(String(before));
  await page.getByLabel("To").selectOption(String(after));
  await page.getByRole("button", { name: "Compare" }).click();
  await page.waitForURL(new RegExp(`/templates/${SLUG}/diff\\?from=${before}&to=${after}$`));
  await expect(page.getByTestId("diff-summary")).toContainText("1 changed · 1 added · 0 removed");
  const changed = page.locator("li[data-change=changed]");
  await expect(changed).toHaveCount(1);
  await expect(changed.locator("del")).toHaveText("1 [task] Confirm Go Call");
  await expect(changed.locator("ins")).toHaveText("1 [task] Confirm Go Call with the release manager");
  await expect(page.locator("li[data-change=added]")).toHaveText(new RegExp(`3 \\[task\\] ${ADDED}$`));

  await page.goto(`/templates/${SLUG}?version=${after}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export Markdown" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${SLUG}-v${after}.md`);
  const exported = await readFile(await download.path(), "utf8");
  expect(exported).toContain(`3. * [ ] ${ADDED}`);
  expect(exported).toContain("1. * [ ] Confirm Go Call with the release manager");
  expect(exported).toContain("### Overview Details");
});
