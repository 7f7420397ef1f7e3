import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { uniqueTag } from "./support/seed";

const drill = (name: string) => `Name The New Issue Like This: ${name}

### Drill (T-30m)
* [ ] Open the bridge call
* [ ] Page the on-call database engineer
* [ ] Freeze merges to main
* [ ] Announce the freeze in the team channel
* [ ] Check the error budget dashboard
* [ ] Confirm the rollback owner
`;

/** Where the keyboard is: the item row's test id, or what else has focus. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const inChecklist = !!el?.closest("[data-testid=checklist]");
    const row = el?.closest("[data-item-row]");
    return { inChecklist, row: row?.getAttribute("data-testid") ?? null, tag: el?.tagName ?? null };
  });
}

test("five items ticked with the keyboard alone, focus never leaving the checklist", async ({
  page,
  operator,
  makeTemplate,
  startRun,
}) => {
  const { slug } = await makeTemplate(drill(`Keyboard Drill ${uniqueTag()}`));
  const { number } = await startRun(operator, { template: slug });

  // Arriving at the page: the skip links lead to the checklist in a few keys.
  await page.goto(`/runs/${number}`);
  await expect(page.getByTestId("checklist")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to checklist" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("checklist")).toBeFocused();

  const keys = ["x", " ", "x", " ", "x"];
  for (const [n, key] of keys.entries()) {
    await page.keyboard.press("j");
    const rowId = `item-drill-${n + 1}`;
    await expect.poll(async () => (await focused(page)).row).toBe(rowId);
    await page.keyboard.press(key === " " ? "Space" : key);
    const row = page.getByTestId(rowId);
    await expect(row).toHaveAttribute("data-state", "done");
    await expect(row.getByTestId("tick-evidence")).toContainText("elapsed");
    // The server's answer re-renders the row; the keyboard is still on it.
    expect(await focused(page)).toEqual({ inChecklist: true, row: rowId, tag: "LI" });
  }
  await expect(page.getByTestId("run-progress")).toHaveText("5 of 6 done");

  // n opens the note on the focused item; Escape gives focus back to the row.
  await page.keyboard.press("n");
  await expect(page.getByLabel("Note for 5")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect.poll(async () => (await focused(page)).row).toBe("item-drill-5");
  // k goes back up; ? shows the shortcuts.
  await page.keyboard.press("k");
  await expect.poll(async () => (await focused(page)).row).toBe("item-drill-4");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});
