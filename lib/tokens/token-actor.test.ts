import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { listTemplates } from "@/lib/templates/list-templates";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { actorForApiToken } from "@/lib/tokens/token-actor";
import { makeUser } from "@/test/fixtures";

async function refusal(token: string, now?: Date) {
  const e = await actorForApiToken(token, now).then(
    () => {
      throw new Error("expected the token to be refused");
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UnauthenticatedError);
  return (e as Error).message;
}

let operator: Actor;

beforeAll(async () => {
  operator = await makeUser("operator");
});

describe("actorForApiToken", () => {
  it("acts as the owner, limited to the token's scopes", async () => {
    const { token } = await createApiToken({
      actor: operator,
      name: "read-only",
      scopes: ["templates.read"],
    });
    const actor = await actorForApiToken(token);
    const team = await db().team.findUniqueOrThrow({ where: { slug: "default" } });
    expect(actor).toEqual({ ...operator, scopes: ["templates.read"], tokenTeamId: team.id });
    expect(can(actor, "templates.read")).toBe(true);
    expect(can(actor, "templates.write")).toBe(false);
    expect(() => requirePermission(actor, "templates.write")).toThrow(
      new ForbiddenError("This API token's scopes do not include templates.write."),
    );
    await expect(listTemplates({ actor })).resolves.toBeInstanceOf(Array);
  });

  it("follows the owner's current roles: a demotion in the token's team restricts the token at once", async () => {
    const owner = await makeUser("operator");
    const { token } = await createApiToken({
      actor: owner,
      name: "writer",
      scopes: ["templates.read", "templates.write"],
    });
    expect(can(await actorForApiToken(token), "templates.write")).toBe(true);
    await db().user.update({ where: { id: owner.id }, data: { role: "auditor" } });
    await db().teamMember.deleteMany({ where: { userId: owner.id } });
    const demoted = await actorForApiToken(token);
    expect(demoted.role).toBe("auditor");
    expect(can(demoted, "templates.write")).toBe(false);
    expect(() => requirePermission(demoted, "templates.write")).toThrow(
      "Your role (auditor) does not allow templates.write.",
    );
    expect(can(demoted, "templates.read")).toBe(true);
  });

  it("fails for a deactivated owner", async () => {
    const owner = await makeUser("operator");
    const { token } = await createApiToken({ actor: owner, name: "x", scopes: ["runs.read"] });
    await db().user.update({ where: { id: owner.id }, data: { active: false } });
    expect(await refusal(token)).toBe("This API token's owner is deactivated.");
  });

  it("fails once revoked or expired, and for anything that is not a token", async () => {
    const revoked = await createApiToken({ actor: operator, name: "r", scopes: ["runs.read"] });
    await revokeApiToken({ actor: operator, id: revoked.apiToken.id });
    expect(await refusal(revoked.token)).toBe("This API token was revoked.");

    const expiring = await createApiToken({
      actor: operator,
      name: "e",
      scopes: ["runs.read"],
      expiresInDays: 1,
    });
    await expect(actorForApiToken(expiring.token)).resolves.toMatchObject({ id: operator.id });
    expect(await refusal(expiring.token, new Date(Date.now() + 86_400_000 + 1_000))).toBe(
      "This API token has expired.",
    );

    const forged = `${revoked.token.slice(0, 12)}${"A".repeat(43)}`;
    expect(await refusal(forged)).toBe("Unknown API token.");
    expect(await refusal("hunter2")).toBe("That is not a Runsheet API token.");
  });

  it("records use at most once a minute", async () => {
    const { token, apiToken } = await createApiToken({
      actor: operator,
      name: "busy",
      scopes: ["runs.read"],
    });
    const lastUsed = async () =>
      (await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt?.getTime();
    const t0 = new Date();
    await actorForApiToken(token, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await Promise.all([1, 2, 3].map((s) => actorForApiToken(token, new Date(t0.getTime() + s * 1_000))));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + 61_000);
    await actorForApiToken(token, later);
    expect(await lastUsed()).toBe(later.getTime());
  });

  it("drops scopes the permission table no longer knows", async () => {
    const { token, apiToken } = await createApiToken({ actor: operator, name: "old", scopes: ["runs.read"] });
    await db().apiToken.update({
      where: { id: apiToken.id },
      data: { scopes: ["runs.read", "retired.thing"] },
    });
    expect((await actorForApiToken(token)).scopes).toEqual(["runs.read"]);
  });
});
