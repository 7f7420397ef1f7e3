/**
 * Playwright's `test`, extended with data of the test's own: users, templates and runs
 * made directly through the domain functions (e2e/support/seed.ts), and sign-in by
 * session cookie instead of the form. Specs import `test` and `expect` from here:
 *
 *   test("…", async ({ page, operator, startRun }) => {
 *     const run = await startRun(operator);
 *     await page.goto(`/runs/${run.number}`);
 *   });
 *
 * Only the sign-in specs go through the form; everything else signs in by fixture, so the
 * form's rate limits and backoff never see the rest of the suite.
 */
import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import type { RoleName } from "@/lib/auth/permissions";
import {
  E2E_ORIGIN,
  seedRun,
  seedTemplate,
  seedUser,
  sessionCookie,
  signInContext,
  type SeededUser,
} from "./seed";

type SeededRun = Awaited<ReturnType<typeof seedRun>>;

export type DataFixtures = {
  /** A new user of `role`, this test's alone. */
  makeUser: (role?: RoleName, name?: string) => Promise<SeededUser>;
  /** Signs `user` into `context` (the test's own page's context when omitted). */
  signIn: (user: SeededUser, context?: BrowserContext) => Promise<void>;
  /** An operator of the test's own, signed in on `page`. */
  operator: SeededUser;
  /** An API client (next-auth session cookie, no browser) signed in as `user`; disposed after the test. */
  apiAs: (user: SeededUser) => Promise<APIRequestContext>;
  /** Imports Markdown as a template under a unique name. */
  makeTemplate: typeof seedTemplate;
  /** Starts a run as `actor` (the seed promotion with a unique version unless a template is given). */
  startRun: (actor: SeededUser, opts?: Parameters<typeof seedRun>[1]) => Promise<SeededRun>;
};

// `provide` is Playwright's `use`: named so that React's hook rules do not mistake it for React's.
export const test = base.extend<DataFixtures>({
  makeUser: async ({}, provide) => {
    await provide((role = "operator", name) => seedUser(role, name));
  },
  signIn: async ({ context }, provide) => {
    await provide((user, target = context) => signInContext(target, user));
  },
  operator: async ({ makeUser, signIn }, provide) => {
    const user = await makeUser("operator");
    await signIn(user);
    await provide(user);
  },
  apiAs: async ({ playwright }, provide) => {
    const opened: APIRequestContext[] = [];
    await provide(async (user) => {
      const api = await playwright.request.newContext({
        baseURL: E2E_ORIGIN,
        storageState: { cookies: [await sessionCookie(user)], origins: [] },
      });
      opened.push(api);
      return api;
    });
    await Promise.all(opened.map((a) => a.dispose()));
  },
  makeTemplate: async ({}, provide) => {
    await provide(seedTemplate);
  },
  startRun: async ({}, provide) => {
    await provide((actor, opts) => seedRun(actor, opts));
  },
});

export { expect };
export type { SeededUser };
