import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { expect, test } from "./support/fixtures";
import { openRun } from "./support/runs";
import { closeRun, completeChild, decide, opened, reachDecision, SEED, tickAllOpen } from "./support/flow";

test.describe.configure({ timeout: 180_000 });

/** The text of every ticked task item, as GitLab would render the checklist. */
function checkedItems(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const out: string[] = [];
  visit(tree, "listItem", (node) => {
    if (node.checked !== true) return;
    const first = node.children[0];
    let text = "";
    if (first) visit(first, "text", (t) => void (text += t.value));
    out.push(text);
  });
  return out;
}

test("an auditor finds a promotion by version, reads its audit view and verifies its evidence offline", async ({
  page,
  browser,
  operator,
  makeUser,
  signIn,
  startRun,
}) => {
  const { number, version } = await startRun(operator);
  await openRun(page, number);
  await reachDecision(page, `andromeda:${version}.0`);
  await completeChild(page, SEED.p4, "1");
  await decide(page, "NO GO", "Blue side shows elevated 5xx on checkout.");
  await expect(page.getByTestId("run-result")).toHaveText("NO GO");
  // Complete the promotion: the decision announced, the post-mortem, then close it.
  await opened(page, SEED.p4, "2.1");
  await tickAllOpen(page, SEED.p4);
  await opened(page, SEED.wrap, "2");
  await tickAllOpen(page, SEED.wrap);
  await completeChild(page, SEED.wrap, "2.2");
  await opened(page, SEED.closing, "2");
  await tickAllOpen(page, SEED.closing);
  await closeRun(page);
  await expect(page.getByText(/^Closed /)).toBeVisible();

  const auditorContext = await browser.newContext();
  await signIn(await makeUser("auditor"), auditorContext);
  const auditor = await auditorContext.newPage();
  await auditor.goto("/promotions");
  // The Blue-side tests child run carries the same version; the template tells them apart.
  await auditor.getByLabel("Template").selectOption("promote-changeset-to-production");
  await auditor.getByLabel("Version").fill(version);
  await auditor.getByLabel("Status").selectOption("closed");
  await auditor.getByRole("button", { name: "Filter" }).click();
  await auditor.waitForURL(/version=/);
  await expect(auditor.getByTestId("promotion-row")).toHaveCount(1);
  await expect(auditor.getByTestId("promotion-row")).toContainText(`#${number}`);
  await expect(auditor.getByTestId("promotion-row")).toContainText("NO GO");

  await auditor.getByTestId("promotion-row").getByRole("link", { name: "Audit" }).click();
  await auditor.waitForURL(new RegExp(`/runs/${number}/audit$`));
  await expect(auditor.getByTestId("audit-title")).toContainText(`#${number}`);
  await expect(auditor.getByTestId("audit-decisions")).toContainText("Blue side shows elevated 5xx");
  await expect(auditor.getByTestId("timeline-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(auditor.getByTestId("audit-log").locator("tbody tr").first()).toContainText("run.created");

  await auditor.getByRole("button", { name: "Verify chain" }).click();
  await expect(auditor.getByTestId("verify-result")).toContainText("Intact");

  const download = async (name: string) => {
    const [file] = await Promise.all([
      auditor.waitForEvent("download"),
      auditor.getByTestId("exports").getByRole("link", { name }).click(),
    ]);
    return (await file.path())!;
  };
  const markdown = readFileSync(await download("Markdown"), "utf8");
  const jsonPath = await download("JSON evidence");
  const bundle = JSON.parse(readFileSync(jsonPath, "utf8")) as {
    run: { number: number };
    items: { text: string; state: string }[];
    events: unknown[];
  };
  expect(bundle.run.number).toBe(number);
  const done = bundle.items.filter((i) => i.state === "done");
  expect(done.length).toBeGreaterThan(4);
  const checked = checkedItems(markdown);
  expect(checked).toHaveLength(done.length);
  // The bundle keeps the stored text; the Markdown reads it with every placeholder filled.
  done.forEach((item, n) =>
    expect(checked[n]!.startsWith(item.text.split("\n")[0]!.split("{{")[0]!)).toBe(true),
  );
  expect(markdown).not.toContain("{{");

  const verified = spawnSync(process.execPath, [path.join("scripts", "verify-evidence.mjs"), jsonPath], {
    encoding: "utf8",
  });
  expect(verified.stderr).toBe("");
  expect(verified.status).toBe(0);
  expect(verified.stdout).toContain(`run #${number}: ${bundle.events.length} events`);
  await auditorContext.close();
});
