import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { can, isPermission, rolesInTeam, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { newApiToken } from "@/lib/tokens/token-format";
import { requireTokenManager } from "@/lib/tokens/token-manager";
import { ownerSelect, teamSelect, toApiTokenView, type ApiTokenView } from "@/lib/tokens/token-view";
import { teamFor } from "@/lib/teams/default-team";
import { parseInput } from "@/lib/validation/parse-input";

export const MAX_TOKEN_DAYS = 365;

export const newApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Required").max(80),
  scopes: z
    .array(z.string())
    .min(1, "Choose at least one scope")
    .transform((s) => [...new Set(s)]),
  /** Unset or null: the token does not expire. */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullish(),
  /** The slug of the one team the token acts in; unset: the owner's only team, else the default team. */
  team: z.string().trim().min(1).max(40).optional(),
});

/**
 * Creates an API token for the actor. The plaintext is returned here and only here; the
 * database keeps its SHA-256. A token may carry only permissions the owner's role has.
 */
export async function createApiToken({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof newApiTokenSchema>): Promise<{
  token: string;
  apiToken: ApiTokenView;
}> {
  const owner = requireTokenManager(actor);
  const data = parseInput(newApiTokenSchema, input, "Check the token's details.");
  const { name, scopes, expiresInDays } = data;
  const team = await tokenTeam(owner, data.team);
  // A token does at most what its owner may do in its team.
  const refused = scopes.filter((s) => !isPermission(s) || !can({ ...owner, scopes: undefined }, s, team.id));
  if (refused.length) {
    const roles = rolesInTeam(owner, team.id).join(", ");
    throw new ValidationError(`Your role (${roles}) cannot grant ${refused.join(", ")}.`, {
      scopes: refused.map((s) => `Not allowed: ${s}`),
    });
  }
  const { token, prefix, hash } = newApiToken();
  return db().$transaction(async (tx) => {
    // Lock before reading the clock, so the stream's times never go backwards.
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
    const row = await tx.apiToken.create({
      data: {
        userId: owner.id,
        teamId: team.id,
        name,
        prefix,
        tokenHash: hash,
        scopes,
        createdAt: now,
        expiresAt,
      },
      include: { user: ownerSelect, team: teamSelect },
    });
    await appendAuditEvent(tx, {
      actorId: owner.id,
      action: "token.created",
      payload: {
        tokenId: row.id,
        ownerId: owner.id,
        name,
        prefix,
        team: team.slug,
        scopes,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
      at: now,
    });
    return { token, apiToken: toApiTokenView(row, now) };
  });
}

/** The token's team: named, or the owner's only team, or the default one; it must be one of the owner's. */
async function tokenTeam(owner: Actor, slug: string | undefined) {
  const team = await teamFor(owner, slug).catch(() => null);
  if (!team || !rolesInTeam(owner, team.id).length) {
    const message = `You are in no team "${slug ?? "default"}".`;
    throw new ValidationError(message, { team: [message] });
  }
  return team;
}
