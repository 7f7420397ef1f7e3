import { createHash, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, request as playwrightRequest, test, type APIResponse, type Page } from "@playwright/test";
import { AUDREY, DEMO_PASSWORD, OLIVIA, signInViaApi, signInViaUi } from "./support/auth";
import { withDb } from "./support/db";
import { E2E_APP_PORT } from "./support/ports";
import { builtActions } from "./support/server-actions";

const BASE_URL = `http://localhost:${E2E_APP_PORT}`;
const EVIL = "https://evil.example";

/** The security baseline every response carries; returns the CSP nonce. */
function expectSecurityHeaders(res: APIResponse, what: string): string {
  const h = res.headers();
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\)/);
  const csp = h["content-security-policy"] ?? "";
  const directives = new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  const scriptSrc = directives.get("script-src") ?? [];
  const nonce = scriptSrc.map((v) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(v)?.[1]).find(Boolean);
  expect(nonce, `${what}: ${csp}`).toBeTruthy();
  expect(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect(scriptSrc, what).not.toContain("'unsafe-eval'");
  expect(directives.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(directives.get("object-src"), what).toEqual(["'none'"]);
  return nonce!;
}

/** Collects what the browser says about refused content while a test runs. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test.describe("security headers", () => {
  test("are on pages, API answers, errors and static files, with a fresh nonce on every page", async ({
    request,
  }) => {
    const page = await request.get("/signin");
    expect(page.status()).toBe(200);
    const nonce = expectSecurityHeaders(page, "sign-in page");
    const html = await page.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await request.get("/signin");
    expect(expectSecurityHeaders(again, "second sign-in page")).not.toBe(nonce);

    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    const responses: [string, APIResponse][] = [
      ["API answer", await request.get("/api/v1/templates")],
      ["next-auth", await request.get("/api/auth/csrf")],
      ["404 page", await request.get("/no-such-page")],
      ["static file", await request.get(asset)],
    ];
    for (const [what, res] of responses) expectSecurityHeaders(res, what);
    expect(responses[0]![1].status()).toBe(401);
    expect(responses[2]![1].status()).toBe(404);
    expect(await responses[2]![1].text()).toContain("Page not found");
  });

  test("the app runs under the policy without a single refusal", async ({ page }) => {
    const violations = cspViolations(page);
    await signInViaUi(page, OLIVIA.email);
    await page.getByRole("link", { name: "Templates", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Templates", exact: true })).toBeVisible();
    await page.goto("/runs/1");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("requests from other sites", () => {
  test("a cookie-authenticated change to /api/v1 from a foreign origin is refused with 403", async ({
    request,
  }) => {
    await signInViaApi(request, OLIVIA.email);
    const markdown = "# Forged\n\n* [ ] step\n";
    const foreign: Record<string, string>[] = [
      { Origin: EVIL },
      { "Sec-Fetch-Site": "cross-site" },
      { Origin: "null" },
    ];
    for (const headers of foreign) {
      const res = await request.post("/api/v1/templates", {
        data: markdown,
        headers: { "content-type": "text/markdown", ...headers },
      });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({
        error: "Requests from other sites are refused.",
        code: "forbidden",
      });
    }
    const count = await withDb(async (c) => {
      const { rows } = await c.query("SELECT count(*)::int AS n FROM templates WHERE name = 'Forged'");
      return rows[0].n as number;
    });
    expect(count).toBe(0);
    // The same request from the app's own origin goes through.
    const own = await request.post("/api/v1/templates", {
      data: markdown,
      headers: { "content-type": "text/markdown", Origin: BASE_URL },
    });
    expect(own.status()).toBe(201);
  });

  test("a server action posted with a foreign Origin is refused and does nothing", async ({ request }) => {
    await signInViaApi(request, OLIVIA.email);
    const action = builtActions().find(
      (a) => a.file === "app/(app)/settings/tokens/actions.ts" && a.name === "createApiTokenAction",
    )!;
    const call = (origin: string, name: string) =>
      request.post("/settings/tokens", {
        headers: {
          "Next-Action": action.id,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          Origin: origin,
        },
        data: JSON.stringify([{ name, scopes: ["runs.read"], expiresInDays: 1 }]),
        maxRedirects: 0,
      });
    const tokensNamed = (name: string) =>
      withDb(async (c) => (await c.query("SELECT id FROM api_tokens WHERE name = $1", [name])).rowCount);

    const forged = await call(EVIL, "forged-origin");
    // A refusal, not a server error.
    expect(forged.status()).toBe(403);
    expect(await forged.json()).toEqual({
      error: "Requests from other sites are refused.",
      code: "forbidden",
    });
    expect(await tokensNamed("forged-origin")).toBe(0);

    const own = await call(BASE_URL, "own-origin");
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain('"ok":true');
    expect(await tokensNamed("own-origin")).toBe(1);
  });
});

test.describe("API tokens", () => {
  test("created in the UI, shown once, used as Bearer, limited by scope, revoked in the UI", async ({
    page,
  }) => {
    const violations = cspViolations(page);
    const name = `pipeline ${randomUUID().slice(0, 6)}`;
    await signInViaUi(page, OLIVIA.email);
    await page.getByRole("link", { name: "Tokens", exact: true }).click();
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
    // An operator may grant what operators have, and nothing more.
    await expect(page.getByRole("checkbox", { name: "users.admin" })).toHaveCount(0);

    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "templates.read" }).check();
    await page.getByRole("checkbox", { name: "runs.read" }).check();
    await page.getByLabel("Expires after").selectOption({ label: "30 days" });
    await page.getByRole("button", { name: "Create token" }).click();

    const shown = page.getByTestId("new-token");
    await expect(shown).toHaveText(/^rs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const token = (await shown.textContent())!;
    await expect(page.getByRole("status")).toContainText("it will not be shown again");
    const row = page.locator("tr", { hasText: name });
    await expect(row).toContainText(token.slice(0, 12));
    await expect(row.getByTestId("token-last-used")).toHaveText("never");

    const pipeline = await playwrightRequest.newContext({ baseURL: BASE_URL });
    const auth = { Authorization: `Bearer ${token}` };
    const list = await pipeline.get("/api/v1/templates", { headers: auth });
    expect(list.status()).toBe(200);
    expect((await list.json()).map((t: { slug: string }) => t.slug)).toContain(
      "promote-changeset-to-production",
    );

    // No templates.write in its scopes: refused, though Olivia's role could, and from any origin.
    const write = await pipeline.post("/api/v1/templates", {
      headers: { ...auth, "content-type": "text/markdown", Origin: EVIL },
      data: "# Via token\n\n* [ ] step\n",
    });
    expect(write.status()).toBe(403);
    expect((await write.json()).error).toBe("This API token's scopes do not include templates.write.");

    // Never shown again: not after a reload, nowhere in the page.
    await page.reload();
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain(token.slice(12));
    await expect(row.getByTestId("token-last-used")).not.toHaveText("never");

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(row.getByTestId("token-status")).toHaveText("revoked");

    const after = await pipeline.get("/api/v1/templates", { headers: auth });
    expect(after.status()).toBe(401);
    expect(await after.json()).toEqual({ error: "This API token was revoked.", code: "unauthenticated" });
    await pipeline.dispose();
    expect(violations).toEqual([]);
  });

  test("a bad token is refused with 401, never treated as the session", async ({ request }) => {
    await signInViaApi(request, OLIVIA.email);
    const res = await request.get("/api/v1/templates", { headers: { Authorization: "Bearer not-a-token" } });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toBe("Bearer");
    expect((await res.json()).error).toBe("That is not a Runsheet API token.");
  });
});

test.describe("sign-in backoff", () => {
  const SLOWED = "Too many attempts; try again in 1 minute.";

  /** One credentials sign-in in a fresh context: next-auth's status and error code, and who is signed in. */
  async function attempt(email: string, password: string) {
    const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
    try {
      const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
      const res = await ctx.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password, json: "true" },
        maxRedirects: 0,
      });
      const url = new URL((await res.json()).url as string);
      const session = await (await ctx.get("/api/auth/session")).json();
      return {
        status: res.status(),
        error: url.searchParams.get("error"),
        user: session?.user?.email ?? null,
      };
    } finally {
      await ctx.dispose();
    }
  }

  test("after a few failures the next attempt waits (no 15-minute lockout); unknown emails alike", async ({
    page,
  }) => {
    // A user of this test's own: slowing a demo user would break other specs.
    const email = `backoff-${randomUUID().slice(0, 8)}@test.local`;
    const hash = await bcrypt.hash(DEMO_PASSWORD, 4);
    await withDb((c) =>
      c.query(
        `INSERT INTO users (id, email, name, handle, password_hash, role)
         VALUES (gen_random_uuid(), $1, 'Backed Off', $2, $3, 'operator')`,
        [email, email.split("@")[0], hash],
      ),
    );
    const unknown = `nobody-${randomUUID().slice(0, 8)}@test.local`;

    const wrong = { status: 401, error: "CredentialsSignin", user: null };
    const slowed = { status: 401, error: SLOWED, user: null };
    // Five free attempts and one more, then each must wait (2 s, 4 s, … at most 15 minutes).
    for (let i = 1; i <= 6; i++) {
      expect(await attempt(email, `wrong ${i}`), `real, attempt ${i}`).toEqual(wrong);
      expect(await attempt(unknown, `wrong ${i}`), `unknown, attempt ${i}`).toEqual(wrong);
    }
    expect(await attempt(email, DEMO_PASSWORD)).toEqual(slowed);
    expect(await attempt(unknown, DEMO_PASSWORD)).toEqual(slowed);
    // As if more guesses had pushed the wait to a minute, so that the form below sees it
    // however long the browser takes. (TRUST_PROXY is unset here: every client is the
    // same unknown address.)
    const pairKey = (e: string) => `login-pair:${createHash("sha256").update(`${e}\nunknown`).digest("hex")}`;
    await withDb((c) =>
      c.query("UPDATE login_backoff SET next_at = now() + interval '1 minute' WHERE key = ANY($1)", [
        [pairKey(email), pairKey(unknown)],
      ]),
    );

    // The sign-in form says so, for either kind of email.
    for (const who of [email, unknown]) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(who);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.locator("[role=alert]:not(#__next-route-announcer__)")).toHaveText(SLOWED);
    }
    // Once the wait is over the owner gets in with the right password.
    await withDb((c) =>
      c.query("UPDATE login_backoff SET next_at = now() - interval '1 second' WHERE key = $1", [
        pairKey(email),
      ]),
    );
    expect((await attempt(email, DEMO_PASSWORD)).user).toBe(email);
    // Other people are not affected.
    expect((await attempt(OLIVIA.email, DEMO_PASSWORD)).user).toBe(OLIVIA.email);
  });
});

test.describe("after sign-in", () => {
  for (const [what, value] of [
    ["tab", "/%09/evil.example/"],
    ["line feed", "/%0a/evil.example/"],
    ["carriage return", "/%0d/evil.example/"],
    ["backslash", "/%5Cevil.example/"],
    ["scheme-relative", "//evil.example/"],
    ["absolute", "https://evil.example/"],
  ]) {
    test(`the browser stays on this site whatever callbackUrl says (${what})`, async ({ page }) => {
      const left: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).hostname === "evil.example") left.push(r.url());
      });
      await page.goto(`/signin?callbackUrl=${value}`);
      await page.getByLabel("Email").fill(OLIVIA.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByTestId("current-user")).toBeVisible();
      expect(new URL(page.url()).origin).toBe(BASE_URL);
      expect(left).toEqual([]);
    });
  }

  test("next-auth's own redirect keeps only same-origin paths", async ({ request }) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    for (const callbackUrl of [
      "/\t/evil.example/",
      "/\\evil.example",
      "https://evil.example/",
      "/runs?x=1",
    ]) {
      const res = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: OLIVIA.email, password: DEMO_PASSWORD, callbackUrl, json: "true" },
        maxRedirects: 0,
      });
      const url = new URL((await res.json()).url as string);
      expect(url.origin, callbackUrl).toBe(BASE_URL);
    }
  });
});

test.describe("request bodies", () => {
  test("an anonymous 64 MB POST is refused at once with 413, and a small one with 401 before its body is read", async () => {
    const started = Date.now();
    const big = await fetch(`${BASE_URL}/api/v1/templates`, {
      method: "POST",
      headers: { "content-type": "text/markdown" },
      body: new Uint8Array(64 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe("too_large");
    expect(Date.now() - started).toBeLessThan(10_000);
    const small = await fetch(`${BASE_URL}/api/v1/templates`, {
      method: "POST",
      headers: { "content-type": "text/markdown" },
      body: "# Anonymous\n\n* [ ] step\n",
    });
    expect(small.status).toBe(401);
  });

  test("a signed-in template over 512 KiB is 413; a name over 120 characters is 400", async ({ request }) => {
    await signInViaApi(request, OLIVIA.email);
    const big = await request.post("/api/v1/templates", {
      data: "# Big\n\n* [ ] step\n" + "x".repeat(600 * 1024),
      headers: { "content-type": "text/markdown", Origin: BASE_URL },
    });
    expect(big.status()).toBe(413);
    const named = await request.post(`/api/v1/templates?name=${"n".repeat(121)}`, {
      data: "# Named\n\n* [ ] step\n",
      headers: { "content-type": "text/markdown", Origin: BASE_URL },
    });
    expect(named.status()).toBe(400);
    expect((await named.json()).fieldErrors).toHaveProperty("name");
  });

  test("server actions: a 3 MB body is 413 and a malformed one 400, never 500", async ({ request }) => {
    await signInViaApi(request, OLIVIA.email);
    const action = builtActions().find(
      (a) => a.file === "app/(app)/settings/tokens/actions.ts" && a.name === "createApiTokenAction",
    )!;
    const post = (data: string) =>
      request.post("/settings/tokens", {
        headers: {
          "Next-Action": action.id,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          Origin: BASE_URL,
        },
        data,
        maxRedirects: 0,
      });
    expect((await post(JSON.stringify([{ name: "x".repeat(3 * 1024 * 1024) }]))).status()).toBe(413);
    expect((await post("[{not json")).status()).toBe(400);
    const nul = await post(
      JSON.stringify([{ name: "nul\u0000name", scopes: ["runs.read"], expiresInDays: 1 }]),
    );
    expect(nul.status()).toBe(200);
    expect(await nul.text()).toContain("Must not contain NUL characters or unpaired surrogates");
  });
});

test.describe("bad addresses and queries", () => {
  test("are 400, not 500", async ({ request }) => {
    await signInViaApi(request, AUDREY.email);
    const from = await request.get("/api/v1/runs?from=9999-99-99");
    expect(from.status()).toBe(400);
    const nul = await request.get("/api/v1/templates/%00/markdown");
    expect(nul.status()).toBe(400);
    expect((await nul.json()).code).toBe("validation");
    // Not UTF-8 once decoded: found by e2e/fuzz.spec.ts.
    expect((await request.get("/api/v1/runs/%ED%A0%80/acks")).status()).toBe(400);
  });
});

test.describe("forged client addresses", () => {
  test("fifty bad Bearer requests 'from' a victim's address do not make the victim's valid token answer 429", async ({
    page,
  }) => {
    // The victim's token, made in the UI.
    await signInViaUi(page, OLIVIA.email);
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill(`victim ${randomUUID().slice(0, 6)}`);
    await page.getByRole("checkbox", { name: "templates.read" }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!;
    const victim = "203.0.113.50";
    const attacker = await playwrightRequest.newContext({ baseURL: BASE_URL });
    for (let i = 0; i < 51; i++) {
      const res = await attacker.get("/api/v1/templates", {
        headers: { Authorization: `Bearer rs_00000000_${"A".repeat(43)}`, "X-Forwarded-For": victim },
      });
      expect([401, 429]).toContain(res.status());
    }
    await attacker.dispose();
    const own = await playwrightRequest.newContext({ baseURL: BASE_URL });
    const res = await own.get("/api/v1/templates", {
      headers: { Authorization: `Bearer ${token}`, "X-Forwarded-For": victim },
    });
    expect(res.status()).toBe(200);
    await own.dispose();
  });
});

test.describe("sessions", () => {
  test("a cookie copied before sign-out no longer works after it", async ({ browser }) => {
    const ctx = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(ctx.request, AUDREY.email);
    const copied = await ctx.cookies();
    const thief = await browser.newContext({ baseURL: BASE_URL });
    await thief.addCookies(copied);
    expect((await thief.request.get("/api/v1/templates")).status()).toBe(200);

    const { csrfToken } = await (await ctx.request.get("/api/auth/csrf")).json();
    await ctx.request.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
    expect((await thief.request.get("/api/v1/templates")).status()).toBe(401);
    await ctx.close();
    await thief.close();
  });
});

test.describe("error pages", () => {
  test("a page the role does not allow is a 403 'no permission' page, not an error", async ({ page }) => {
    await signInViaApi(page.request, AUDREY.email);
    const res = await page.goto("/templates/import");
    expect(res!.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have permission" })).toBeVisible();
    await expect(page.getByText(/Something went wrong/)).toHaveCount(0);
  });

  test("an unknown address is a 404 page", async ({ page }) => {
    await signInViaApi(page.request, OLIVIA.email);
    const res = await page.goto("/runs/999999");
    expect(res!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
