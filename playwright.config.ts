import { defineConfig, devices } from "@playwright/test";
import { E2E_APP_PORT } from "./e2e/support/ports";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Specs that share something besides the database, or that measure or count the whole of it,
 * each in a group that nothing else disturbs (docs/decisions/0011-e2e-data-of-its-own.md):
 * - `aws`: the one fake AWS, whose state these specs reset and read; one at a time,
 *   beside the others (nothing else calls AWS).
 * - `isolated`: alone, after every other spec: the fuzz and authorization matrix (whole-table
 *   row counts, and changes to the demo users' roles and sessions), the sign-in backoff and
 *   rate limits (security), the concurrency load and the page-weight budget, the screenshots.
 * Everything else makes its own users, templates and runs (e2e/support/fixtures.ts) and runs
 * in parallel.
 */
const AWS = ["automation.spec.ts", "promotion-integrations.spec.ts", "rehearsal.spec.ts"];
const ISOLATED = [
  "fuzz.spec.ts",
  "authorization-matrix.spec.ts",
  "security.spec.ts",
  "tick-load.spec.ts",
  "run-page-weight.spec.ts",
  "screenshots.spec.ts",
];
const files = (names: string[]) => names.map((n) => `**/${n}`);

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    // Debian's Chromium: Playwright cannot download its own browser here.
    executablePath: chromium,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  // Files in parallel, the tests of one file in order (some walk one run through its phases).
  fullyParallel: false,
  // Two on CI's two cores; E2E_WORKERS overrides (1 gives the old one-at-a-time run).
  workers: Number(process.env.E2E_WORKERS || 2),
  // The fixtures call the domain functions in the worker: "server-only" resolves to a stub there.
  tsconfig: "./e2e/tsconfig.json",
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // First, so that its long specs start at once on one worker instead of after the rest.
    { name: "aws", testMatch: files(AWS), workers: 1, use: browser },
    { name: "parallel", testIgnore: files([...AWS, ...ISOLATED]), use: browser },
    {
      name: "isolated",
      testMatch: files(ISOLATED),
      workers: 1,
      dependencies: ["parallel", "aws"],
      use: browser,
    },
  ],
  webServer: {
    // A fresh embedded PostgreSQL, migrated and seeded, behind `next start` (run `npm run build` first).
    command: "tsx --conditions=react-server e2e/support/server.ts",
    url: `http://localhost:${E2E_APP_PORT}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
