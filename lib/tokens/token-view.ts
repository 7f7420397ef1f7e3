import type { ApiToken } from "@/lib/generated/prisma/client";
import { displayPrefix } from "@/lib/tokens/token-format";

export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: ApiTokenStatus;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  owner: { id: string; name: string; handle: string };
  /** The one team the token acts in. */
  team: { slug: string; name: string };
};

export const ownerSelect = { select: { id: true, name: true, handle: true } } as const;
export const teamSelect = { select: { slug: true, name: true } } as const;

export function tokenStatus(t: Pick<ApiToken, "revokedAt" | "expiresAt">, now = new Date()): ApiTokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt <= now) return "expired";
  return "active";
}

export function toApiTokenView(
  t: ApiToken & { user: { id: string; name: string; handle: string }; team: { slug: string; name: string } },
  now = new Date(),
): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: displayPrefix(t.prefix),
    scopes: t.scopes,
    status: tokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    owner: t.user,
    team: t.team,
  };
}
