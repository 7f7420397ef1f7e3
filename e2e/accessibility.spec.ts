import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { uniqueTag, uniqueVersion } from "./support/seed";
import { completeChild, decide, reachDecision, SEED } from "./support/flow";
import { startSeedRun } from "./support/runs";
import { capturedMail } from "./support/mail-capture";

/**
 * Every page a person reaches, at a desktop and a phone width: axe-core finds no violation of
 * any impact, and nothing is wider than the viewport (no sideways scrolling on a phone).
 */
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

const LISTENER_EMAIL = `ally.listener-${uniqueTag()}@example.test`;
const LISTENER = `Ally Listener <${LISTENER_EMAIL}>`;

type Finding = { page: string; width: number; rule: string; impact: string; targets: string[] };

/** axe's findings and the page's overflow at each width; the page is already loaded. */
async function check(page: Page, name: string, findings: Finding[]) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations)
      findings.push({
        page: name,
        width: size.width,
        rule: v.id,
        impact: v.impact ?? "",
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      });
    const wide = await page.evaluate(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return null;
      // The innermost elements reaching past the right edge: where to look.
      return [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5)
        .map(
          (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${e.textContent?.slice(0, 40)}"`,
        );
    });
    if (wide)
      findings.push({
        page: name,
        width: size.width,
        rule: "page-wider-than-viewport",
        impact: "",
        targets: wide,
      });
  }
}

async function visit(page: Page, path: string, name: string, findings: Finding[]) {
  await page.goto(path);
  await expect(page.locator("main, body").first()).toBeVisible();
  await check(page, name, findings);
}

test("every page has no axe-core violations and fits a phone's width", async ({
  page,
  browser,
  makeUser,
  signIn,
}) => {
  test.setTimeout(300_000);
  const findings: Finding[] = [];

  const anonymous = await browser.newContext();
  const signInPage = await anonymous.newPage();
  await visit(signInPage, "/signin", "sign-in", findings);

  await signIn(await makeUser("admin"));
  await visit(page, "/", "home", findings);
  await visit(page, "/runs/new?template=promote-changeset-to-production", "start form", findings);

  // A run with a listener, so that there is an acknowledgement link to visit.
  const version = uniqueVersion();
  await startSeedRun(page, version, { "Auditors / Listeners": LISTENER });
  const runPath = new URL(page.url()).pathname;
  await check(page, "run before the decision", findings);

  await reachDecision(page, `andromeda:${version}.0`);
  await completeChild(page, SEED.p4, "1");
  await decide(page, "NO GO", "Blue side shows elevated 5xx on checkout.");
  await check(page, "run after the decision", findings);
  await visit(page, `${runPath}/audit`, "audit", findings);

  await visit(page, "/templates/promote-changeset-to-production", "template page", findings);
  await visit(page, "/templates/import", "import", findings);
  await page.getByLabel("Markdown file").setInputFiles({
    name: "failover.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(
      "Name The New Issue Like This: Fail Over db-main\n\n### Prepare (T-30m)\n* [ ] Announce the failover\n",
    ),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await check(page, "import preview", findings);

  await visit(page, "/promotions", "promotions", findings);
  await visit(page, "/admin/users", "admin users", findings);
  await visit(page, "/settings/tokens", "tokens", findings);
  await visit(page, "/settings/integrations", "integrations", findings);
  await visit(page, "/teams/payments/settings", "team settings", findings);
  await visit(page, "/settings/webhooks", "webhooks", findings);
  await visit(page, "/templates", "templates", findings);
  await visit(page, "/my", "my items", findings);
  await visit(page, "/admin/sign-in-groups", "sign-in groups", findings);
  await visit(page, "/admin/teams", "teams", findings);

  let link: string | undefined;
  await expect
    .poll(
      async () =>
        (link = (await capturedMail())
          .filter((m) => m.to.includes(LISTENER_EMAIL))
          .map((m) => /https?:\/\/[^\s]+\/ack\/[A-Za-z0-9_-]{43}/.exec(m.text)?.[0])
          .find(Boolean)),
      { timeout: 15_000 },
    )
    .toBeTruthy();
  const ack = await anonymous.newPage();
  await visit(ack, new URL(link!).pathname, "ack page", findings);
  await anonymous.close();

  expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
});
