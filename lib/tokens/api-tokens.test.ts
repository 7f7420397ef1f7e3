import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { hashSecretToken } from "@/lib/security/secret-token";
import { makeUser } from "@/test/fixtures";

async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...a: never[]) => T) {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${type.name}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

const eventsFor = (tokenId: string) =>
  db().auditEvent.findMany({
    where: { stream: "system", payload: { path: ["tokenId"], equals: tokenId } },
    orderBy: { seq: "asc" },
  });

let operator: Actor;
let other: Actor;
let auditor: Actor;
let admin: Actor;

beforeAll(async () => {
  [operator, other, auditor, admin] = await Promise.all([
    makeUser("operator"),
    makeUser("operator"),
    makeUser("auditor"),
    makeUser("admin"),
  ]);
});

describe("createApiToken", () => {
  it("returns the token once, stores only its hash and prefix, and audits without it", async () => {
    const before = Date.now();
    const { token, apiToken } = await createApiToken({
      actor: operator,
      name: "  deploy pipeline ",
      scopes: ["templates.read", "runs.read", "templates.read"],
      expiresInDays: 30,
    });
    expect(token).toMatch(/^rs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row).toMatchObject({
      userId: operator.id,
      name: "deploy pipeline",
      prefix: token.slice(3, 11),
      tokenHash: hashSecretToken(token),
      scopes: ["templates.read", "runs.read"],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(row)).not.toContain(token.slice(12));

    expect(apiToken).toEqual({
      id: row.id,
      name: "deploy pipeline",
      prefix: `rs_${row.prefix}_…`,
      scopes: ["templates.read", "runs.read"],
      status: "active",
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: null,
      expiresAt: row.expiresAt!.toISOString(),
      revokedAt: null,
      owner: { id: operator.id, name: operator.name, handle: operator.handle },
      team: { slug: "default", name: "Default team" },
    });

    const [event, ...more] = await eventsFor(row.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ action: "token.created", actorId: operator.id, runId: null });
    expect(event!.createdAt.getTime()).toBe(row.createdAt.getTime());
    expect(event!.payload).toEqual({
      tokenId: row.id,
      ownerId: operator.id,
      name: "deploy pipeline",
      prefix: row.prefix,
      team: "default",
      scopes: ["templates.read", "runs.read"],
      expiresAt: row.expiresAt!.toISOString(),
    });
    const logged = JSON.stringify({ ...event, id: String(event!.id) });
    expect(logged).not.toContain(token.slice(12));
    expect(logged).not.toContain(row.tokenHash);
  });

  it("makes a token without expiry when none is asked for", async () => {
    const { apiToken } = await createApiToken({ actor: operator, name: "forever", scopes: ["runs.read"] });
    expect(apiToken.expiresAt).toBeNull();
  });

  it("grants only scopes the owner's role has", async () => {
    const e = await rejection(
      createApiToken({ actor: auditor, name: "x", scopes: ["runs.read", "runs.write"] }),
      ValidationError,
    );
    expect(e.message).toBe("Your role (auditor) cannot grant runs.write.");
    expect(e.fieldErrors).toEqual({ scopes: ["Not allowed: runs.write"] });
    const unknown = await rejection(
      createApiToken({ actor: admin, name: "x", scopes: ["everything"] }),
      ValidationError,
    );
    expect(unknown.fieldErrors).toEqual({ scopes: ["Not allowed: everything"] });
    expect(await db().apiToken.count({ where: { userId: auditor.id } })).toBe(0);
  });

  it("refuses bad input, no one, and other tokens, storing nothing", async () => {
    const count = await db().apiToken.count();
    const bad = await rejection(createApiToken({ actor: operator, name: " ", scopes: [] }), ValidationError);
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["name", "scopes"]);
    await rejection(
      createApiToken({ actor: operator, name: "x", scopes: ["runs.read"], expiresInDays: 366 }),
      ValidationError,
    );
    await rejection(createApiToken({ actor: null, name: "x", scopes: ["runs.read"] }), UnauthenticatedError);
    const viaToken = await rejection(
      createApiToken({ actor: { ...operator, scopes: ["runs.read"] }, name: "x", scopes: ["runs.read"] }),
      ForbiddenError,
    );
    expect(viaToken.message).toMatch(/API tokens cannot manage API tokens/);
    expect(await db().apiToken.count()).toBe(count);
  });
});

describe("listApiTokens", () => {
  it("shows people their own tokens, newest first, and admins everyone's", async () => {
    const a = await createApiToken({ actor: other, name: "first", scopes: ["runs.read"] });
    const b = await createApiToken({ actor: other, name: "second", scopes: ["runs.write"] });
    const mine = await listApiTokens({ actor: other });
    expect(mine.map((t) => t.id)).toEqual([b.apiToken.id, a.apiToken.id]);
    expect(mine.every((t) => t.owner.id === other.id)).toBe(true);
    expect((await listApiTokens({ actor: auditor })).map((t) => t.id)).not.toContain(a.apiToken.id);

    const all = await listApiTokens({ actor: admin });
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([a.apiToken.id, b.apiToken.id]));
    expect(new Set(all.map((t) => t.owner.id)).size).toBeGreaterThan(1);
  });

  it("never includes a hash", async () => {
    const { token } = await createApiToken({ actor: other, name: "secret", scopes: ["runs.read"] });
    const text = JSON.stringify(await listApiTokens({ actor: admin }));
    expect(text).not.toContain(hashSecretToken(token));
    expect(text).not.toContain(token.slice(12));
  });

  it("refuses no one and tokens", async () => {
    await rejection(listApiTokens({ actor: null }), UnauthenticatedError);
    await rejection(listApiTokens({ actor: { ...admin, scopes: ["users.admin"] } }), ForbiddenError);
  });
});

describe("revokeApiToken", () => {
  it("revokes the owner's token once, with one audit event", async () => {
    const { apiToken } = await createApiToken({ actor: operator, name: "ci", scopes: ["runs.read"] });
    const revoked = await revokeApiToken({ actor: operator, id: apiToken.id });
    expect(revoked.status).toBe("revoked");
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.revokedAt!.toISOString()).toBe(revoked.revokedAt);

    const again = await revokeApiToken({ actor: operator, id: apiToken.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    const events = await eventsFor(apiToken.id);
    expect(events.map((e) => e.action)).toEqual(["token.created", "token.revoked"]);
    expect(events[1]).toMatchObject({ actorId: operator.id });
    expect(events[1]!.createdAt.toISOString()).toBe(revoked.revokedAt);
    expect(events[1]!.payload).toEqual({
      tokenId: apiToken.id,
      ownerId: operator.id,
      name: "ci",
      prefix: row.prefix,
    });
  });

  it("lets an admin revoke anyone's token, and hides other people's tokens from everyone else", async () => {
    const { apiToken } = await createApiToken({ actor: other, name: "theirs", scopes: ["runs.read"] });
    await rejection(revokeApiToken({ actor: operator, id: apiToken.id }), NotFoundError);
    await rejection(revokeApiToken({ actor: auditor, id: apiToken.id }), NotFoundError);
    await rejection(
      revokeApiToken({ actor: operator, id: "00000000-0000-4000-8000-000000000000" }),
      NotFoundError,
    );
    await rejection(revokeApiToken({ actor: operator, id: "not-a-uuid" }), NotFoundError);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).toBeNull();

    const revoked = await revokeApiToken({ actor: admin, id: apiToken.id });
    expect(revoked.status).toBe("revoked");
    const events = await eventsFor(apiToken.id);
    expect(events.at(-1)).toMatchObject({ action: "token.revoked", actorId: admin.id });
    expect(events.at(-1)!.payload).toMatchObject({ ownerId: other.id });
  });

  it("refuses no one and tokens", async () => {
    const { apiToken } = await createApiToken({ actor: operator, name: "kept", scopes: ["runs.read"] });
    await rejection(revokeApiToken({ actor: null, id: apiToken.id }), UnauthenticatedError);
    await rejection(
      revokeApiToken({ actor: { ...operator, scopes: ["runs.read"] }, id: apiToken.id }),
      ForbiddenError,
    );
    expect((await eventsFor(apiToken.id)).map((e) => e.action)).toEqual(["token.created"]);
  });
});
