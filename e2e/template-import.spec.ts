import { expect, test } from "./support/fixtures";
import { appAlert } from "./support/runs";

const runbook = `Name The New Issue Like This: Fail Over Database db-main

### Overview Details
Primary: \`_REPLACE_WITH_ STACKID\`

### Prepare (T-30m)
* [ ] Announce the failover
* [ ] Snapshot the primary
    * [ ] Verify the snapshot completed

### Switch (T+0m)
* [ ] Promote the replica
`;

test("importing through the upload page shows line-numbered errors, then a good template", async ({
  page,
  operator: _signedIn, // signs the page in
}) => {
  await page.goto("/templates/import");

  const deep = [
    "# Deep",
    "",
    ...Array.from({ length: 12 }, (_, d) => `${"    ".repeat(d)}* [ ] level ${d + 1}`),
  ].join("\n");
  await page
    .getByLabel("Markdown file")
    .setInputFiles({ name: "deep.md", mimeType: "text/markdown", buffer: Buffer.from(deep) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(appAlert(page)).toContainText("Nothing was imported.");
  await expect(appAlert(page)).toContainText(/line \d+: .*nest/i);

  await page
    .getByLabel("Markdown file")
    .setInputFiles({ name: "failover.md", mimeType: "text/markdown", buffer: Buffer.from(runbook) });
  await page.getByRole("button", { name: "Preview" }).click();
  // Nothing is stored before the author has seen what would be created.
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("Fail Over Database db-main");
  await expect(preview).toContainText("Prepare (T-30m)");
  await expect(page.getByTestId("preview-field-primary")).toContainText("Primary");
  await page.getByLabel("Kind of 1 Announce the failover").selectOption("notify");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status")).toContainText("4 items");
  await page.getByRole("status").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fail Over Database db-main");
  await expect(page.getByText("T-30m")).toBeVisible();
});
