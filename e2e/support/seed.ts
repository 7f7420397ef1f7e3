/**
 * Test data made directly in the end-to-end database, through the same domain functions
 * the app uses (as test/fixtures.ts does for the unit tests), from the Playwright worker's
 * own process. Every user, template and run made here is the calling test's alone: unique
 * names, emails and versions, so tests can run side by side on one database.
 *
 * The worker resolves "server-only" to a stub through e2e/tsconfig.json (playwright.config.ts
 * points its `tsconfig` there), as vitest does through its alias.
 */
import { randomInt, randomUUID } from "node:crypto";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import type { Actor, RoleName } from "@/lib/auth/permissions";
import { encodeSessionToken } from "@/lib/auth/session-token";
import { BLUE_STACK_ID, GREEN_STACK_ID } from "../../test/fakes/aws/state";
import { E2E_APP_PORT, E2E_AUTH_SECRET, E2E_DATABASE_URL } from "./ports";

// The database the e2e server runs on, as its owner (the seed's rights), whatever the shell
// says: a developer's DATABASE_URL must never receive test data. Read when the pool opens.
process.env.DATABASE_URL = E2E_DATABASE_URL;

export const SEED_TEMPLATE = "promote-changeset-to-production";
export const SEED_TEMPLATE_FILE = path.join("lib", "templates", "builtin", `${SEED_TEMPLATE}.md`);
export const TEST_PASSWORD = "correct horse battery staple";

/** The seed's stack fields, naming the fake AWS's stacks (test/fakes/aws.ts) for its automation steps. */
export const AWS_STACKS = {
  stackIdForPrechangeBlueStack: BLUE_STACK_ID,
  stackIdForPrechangeGreenStack: GREEN_STACK_ID,
};

export type SeededUser = Actor & { email: string; role: RoleName; sessionVersion: number };

/** A short tag no other test of this suite run has. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** A changeset version in the seed's X.Y form, drawn from 90 million: no other test's, in practice. */
export function uniqueVersion(): string {
  return `${randomInt(10, 100)}.${randomInt(1, 1_000_000)}`;
}

/** A user of the given role with a unique email and @handle; password TEST_PASSWORD. */
export async function seedUser(role: RoleName = "operator", name?: string): Promise<SeededUser> {
  const { createUser } = await import("@/lib/users/create-user");
  const tag = uniqueTag();
  const u = await createUser({
    actor: "system",
    email: `${role}-${tag}@e2e.test`,
    name: name ?? `E2E ${role} ${tag}`,
    handle: `${role}-${tag}`,
    role,
    password: TEST_PASSWORD,
  });
  return withTeamRoles({ email: u.email, role: u.role as RoleName, sessionVersion: u.sessionVersion });
}

/**
 * One of the demo users prisma/seed.ts makes (e2e/support/auth.ts names them), to sign in
 * by cookie. Only for what the demo data alone has; tests that change a user make their own.
 */
export async function demoUser(email: string): Promise<SeededUser> {
  const { db } = await import("@/lib/db");
  const u = await db().user.findUniqueOrThrow({ where: { email } });
  return withTeamRoles({ email, role: u.role as RoleName, sessionVersion: u.sessionVersion });
}

/** The user as the domain sees them, with the roles they hold in each team. */
async function withTeamRoles(u: {
  email: string;
  role: RoleName;
  sessionVersion: number;
}): Promise<SeededUser> {
  const { actorOfUser } = await import("@/lib/teams/actor-of-user");
  const actor = await actorOfUser({ email: u.email });
  if (!actor) throw new Error(`${u.email} is not an active user`);
  return { ...actor, ...u };
}

/** Imports Markdown as a new template under a unique name; returns its slug and name. */
export async function seedTemplate(markdown: string, name = `E2E template ${uniqueTag()}`) {
  const { importTemplate } = await import("@/lib/templates/import-template");
  const t = await importTemplate({ actor: "system", markdown, name });
  return { slug: t.slug, name: t.name, templateId: t.templateId };
}

/**
 * Starts a run as `actor`, from the seed's promotion template unless another slug is given,
 * with a unique changeset version. Returns what a page needs: its number and version.
 */
export async function seedRun(
  actor: Actor,
  opts: { template?: string; fields?: Record<string, string>; subscribers?: Record<string, string> } = {},
) {
  const { createRun } = await import("@/lib/runs/create-run");
  const template = opts.template ?? SEED_TEMPLATE;
  const changesetVersion = uniqueVersion();
  const fields =
    template === SEED_TEMPLATE
      ? { promotionDate: "2026-12-01", changesetVersion, ...opts.fields }
      : opts.fields;
  const run = await createRun({
    actor,
    templateSlug: template,
    fields: fields ?? {},
    subscribers: opts.subscribers,
  });
  return { id: run.id, number: run.number, version: fields?.changesetVersion ?? changesetVersion };
}

/**
 * The session cookie next-auth would set after `user` signed in: the same JWE, claims and
 * cookie name (lib/auth/options.ts), signed with the e2e server's secret. Sessions made this
 * way are real ones: the server checks the user, the session version and revocations.
 */
export async function sessionCookie(user: SeededUser) {
  const token = {
    name: user.name,
    email: user.email,
    sub: user.id,
    sid: randomUUID(),
    sv: user.sessionVersion,
  };
  const value = await encodeSessionToken({ token, secret: E2E_AUTH_SECRET, maxAge: 12 * 60 * 60 });
  return {
    name: "next-auth.session-token",
    value,
    domain: "localhost",
    path: "/",
    httpOnly: true,
    secure: false,
    sameSite: "Lax" as const,
    expires: Math.floor(Date.now() / 1000) + 12 * 60 * 60,
  };
}

/** Signs `user` into a browser context (and so into its pages and their `page.request`). */
export async function signInContext(context: BrowserContext, user: SeededUser) {
  await context.addCookies([await sessionCookie(user)]);
}

export const E2E_ORIGIN = `http://localhost:${E2E_APP_PORT}`;
