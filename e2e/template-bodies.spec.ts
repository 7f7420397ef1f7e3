import { expect, test } from "./support/fixtures";

/** A runbook whose items carry bodies, one of them hostile. */
const runbook = [
  "Title: Body drill {{region}}",
  "",
  "## Steps",
  "",
  "- [ ] Deploy the service",
  "",
  "  ```sh",
  "  deploy --region {{region}} --wait",
  "  ```",
  "",
  "- [ ] Read the notes",
  "",
  "  <script>window.__pwned = 1</script>",
  "",
  '  <img src="x" onerror="window.__pwned = 2">',
  "",
  "  [harmless](https://docs.example.com/notes) and [evil](javascript:window.__pwned=3)",
  "",
  "  > :warning: careful in {{region}}",
  "",
  "- [x] Book the room",
  "",
].join("\n");

test("item bodies render on the run page: filled, sanitised, with a copy button", async ({
  page,
  context,
  operator: _signedIn, // signs the page in
  makeTemplate,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { slug } = await makeTemplate(runbook);

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/runs/new?template=${slug}`);
  await page.getByLabel("Region").fill("eu-west-1");
  await page.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Body drill eu-west-1");

  const deploy = page.getByTestId("item-steps-1");
  await expect(deploy.locator("pre")).toHaveText("deploy --region eu-west-1 --wait");
  await deploy.getByRole("button", { name: "Copy" }).click();
  await expect(deploy.getByRole("button", { name: "Copied" })).toBeVisible();

  const notes = page.getByTestId("item-steps-2").getByTestId("markdown-body");
  await expect(notes.getByRole("link", { name: "harmless" })).toHaveAttribute(
    "href",
    "https://docs.example.com/notes",
  );
  await expect(notes.locator("script, img, [onerror]")).toHaveCount(0);
  await expect(notes.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(notes.locator("blockquote")).toContainText("careful in eu-west-1");
  await notes.getByText("evil").click();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);

  await expect(page.getByTestId("item-steps-3").getByTestId("done-in-template")).toBeVisible();
});
