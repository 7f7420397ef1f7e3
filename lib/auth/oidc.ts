import type { Env } from "@/lib/env";
import type { OAuthConfig } from "next-auth/providers/oauth";

export const OIDC_PROVIDER_ID = "oidc";

export type OidcUser = { id: string; name: string; email: string; active: boolean };
export type FindUserByEmail = (email: string) => Promise<OidcUser | null>;
/** What we read of the provider's ID token claims. */
type Claims = { sub?: unknown; email?: unknown; email_verified?: unknown };

/** The sign-in button's label, or null when single sign-on is not configured. */
export function oidcName(e: Env): string | null {
  return e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET ? (e.OIDC_NAME ?? "single sign-on") : null;
}

export function oidcProvider(e: Env): OAuthConfig<Record<string, unknown>> | null {
  const name = oidcName(e);
  if (!name || !e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({
      id: String(p.sub),
      name: typeof p.name === "string" ? p.name : null,
      email: typeof p.email === "string" ? p.email : null,
    }),
  };
}

/**
 * Our user for a provider's claims: only an existing, active user whose email the provider
 * says it verified. Nobody is created on first sign-in; an admin adds people first.
 */
export async function oidcUser(claims: Claims | undefined, find: FindUserByEmail): Promise<OidcUser | null> {
  if (!claims || typeof claims.email !== "string") return null;
  // Some providers send the flag as a string.
  if (claims.email_verified !== true && claims.email_verified !== "true") return null;
  const user = await find(claims.email.trim().toLowerCase());
  return user?.active ? user : null;
}

type SignInParams = { account: { provider: string } | null; profile?: Claims };

/** next-auth's signIn callback: credentials were checked by authorize; OIDC needs a known user. */
export async function allowSignIn(
  { account, profile }: SignInParams,
  find: FindUserByEmail,
): Promise<boolean> {
  if (account?.provider !== OIDC_PROVIDER_ID) return true;
  return (await oidcUser(profile, find)) !== null;
}

type JwtParams<T> = SignInParams & { token: T; user?: { id: string } | null };

/**
 * next-auth's jwt callback: the session's subject is always our user id, never the
 * provider's subject, because every request looks the actor up by it.
 */
export async function sessionSubject<T extends { sub?: string; name?: string | null; email?: string | null }>(
  { token, user, account, profile }: JwtParams<T>,
  find: FindUserByEmail,
): Promise<T> {
  if (account?.provider === OIDC_PROVIDER_ID) {
    const ours = await oidcUser(profile, find);
    // signIn refused this already; never let a provider's subject through if it did not.
    if (!ours) throw new Error("AccessDenied");
    return { ...token, sub: ours.id, name: ours.name, email: ours.email };
  }
  if (user) return { ...token, sub: user.id };
  return token;
}
