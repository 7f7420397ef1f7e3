import type { Page } from "@playwright/test";
import { E2E_OIDC_PORT } from "./ports";

/** Sets what the local provider (test/fakes/oidc-provider.ts) says about the person who signs in as `login`. */
export async function setOidcAccount(login: string, claims: Record<string, unknown>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${E2E_OIDC_PORT}/test/accounts/${encodeURIComponent(login)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(claims),
  });
  if (res.status !== 204) throw new Error(`the OIDC provider fake answered ${res.status}`);
}

/**
 * Signs in through the app's SSO button and the provider's own login page. When the provider
 * still has a session from an earlier sign-in it asks nothing and sends the browser straight back.
 */
export async function signInWithSso(page: Page, login: string): Promise<void> {
  // The provider's development page loads a web font; nothing here may reach the internet.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  const loginBox = page.locator('input[name="login"]');
  await page.waitForURL(
    (url) =>
      url.port === String(E2E_OIDC_PORT) || url.pathname !== "/signin" || url.searchParams.has("error"),
  );
  if (new URL(page.url()).port === String(E2E_OIDC_PORT)) {
    await loginBox.fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }
}
