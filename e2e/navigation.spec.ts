import { expect, test } from "@playwright/test";
import { OLIVIA, signInViaUi } from "./support/auth";

test("on a phone the navigation folds behind Menu, and Sign out ends the session", async ({ page }) => {
  await signInViaUi(page, OLIVIA.email);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("link", { name: "Templates" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("link", { name: "Templates" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText(OLIVIA.name);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});
