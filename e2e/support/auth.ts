import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "runsheet-demo-password";
export const OLIVIA = { email: "olivia@runsheet.local", name: "Olivia Operator", handle: "olivia" };
export const OMAR = { email: "omar@runsheet.local", name: "Omar Operator", handle: "omar" };
export const AUDREY = { email: "audrey@runsheet.local", name: "Audrey Auditor", handle: "audrey" };
export const ADA = { email: "ada@runsheet.local", name: "Ada Admin", handle: "ada" };
export const SAM = { email: "sam@runsheet.local", name: "Sam Subscriber", handle: "sam" };
/** An operator of the payments team only: every platform run and template is another team's to her. */
export const PRIYA = { email: "priya@runsheet.local", name: "Priya Payments", handle: "priya" };

/** Signs in through next-auth's credentials endpoint, without the UI; cookies land in `request`'s context. */
export async function signInViaApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

export async function signInViaUi(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}
