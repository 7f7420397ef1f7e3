import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { UnauthenticatedError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";

/** What a session token carries (lib/auth/options.ts): user id, session id, session version. */
export type SessionClaims = { userId: string; sid: string; sv: number };

/**
 * The actor for a session's claims, read fresh from the database, or null when the session
 * no longer counts: the user is gone or deactivated, their session version moved on (signed
 * out everywhere, password or role changed, deactivated) or this session was signed out.
 */
export async function actorForSession(claims: Partial<SessionClaims>): Promise<Actor | null> {
  const { userId, sid, sv } = claims;
  if (!userId || !UUID.test(userId) || typeof sid !== "string" || typeof sv !== "number") return null;
  // Every request asks this: one indexed read answers both questions.
  const [user] = await db().$queryRaw<
    (Omit<Actor, "teamRoles"> & {
      active: boolean;
      session_version: number;
      revoked: boolean;
      team_roles: Record<string, string> | null;
    })[]
  >`
    SELECT u.id, u.role::text AS role, u.name, u.handle, u.active, u.session_version,
           EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = ${sid}) AS revoked,
           (SELECT json_object_agg(m.team_id, m.role) FROM team_members m WHERE m.user_id = u.id) AS team_roles
    FROM users u WHERE u.id = ${userId}::uuid`;
  if (!user?.active || user.revoked || user.session_version !== sv) return null;
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    handle: user.handle,
    teamRoles: user.team_roles ?? {},
  };
}

/** The request's session token claims, or null when it has none. */
export const sessionClaims = cache(async (): Promise<Partial<SessionClaims> | null> => {
  const session = (await getServerSession(authOptions)) as {
    user?: { id?: string };
    sid?: string;
    sv?: number;
  } | null;
  if (!session?.user?.id) return null;
  return { userId: session.user.id, sid: session.sid, sv: session.sv };
});

/** The signed-in user as the domain sees them, read fresh from the database. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionClaims();
  return claims ? actorForSession(claims) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/**
 * For pages: the signed-in actor, or a redirect to sign in. Layouts and pages render
 * in parallel, so each page asks for itself rather than trusting its layout.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}
