import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/authenticate";
import {
  allowSignIn,
  OIDC_PROVIDER_ID,
  oidcProvider,
  sessionSubject,
  type FindUserByEmail,
} from "@/lib/auth/oidc";
import { groupsFromClaims } from "@/lib/sign-in-groups/claim";
import { recordSignInGroups } from "@/lib/sign-in-groups/record-sign-in";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { PASSWORD_TOO_LONG } from "@/lib/auth/authenticate";
import { revokeSession } from "@/lib/auth/session-revocation";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";
import { safeCallbackPath } from "@/lib/security/safe-redirect";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";

const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: {
    email: { label: "Email", type: "email" },
    password: { label: "Password", type: "password" },
  },
  async authorize(input, req) {
    try {
      return await authenticate(input, clientIp(req?.headers ?? {}, env().TRUST_PROXY));
    } catch (err) {
      // next-auth sends a thrown error's message to the browser: only our own may pass.
      if (err instanceof RateLimitedError) throw err;
      if (err instanceof ValidationError && err.message === PASSWORD_TOO_LONG) throw err;
      logger.error({ err }, "sign-in failed");
      throw new Error("SignInUnavailable");
    }
  },
});

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const findUserByEmail: FindUserByEmail = (email) =>
  db().user.findUnique({ where: { email }, select: { id: true, name: true, email: true, active: true } });

function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

// Getters: read at request time, so that `next build` needs no environment.
export const authOptions: NextAuthOptions = {
  // The JWT says who signed in, which session this is (sid) and the user's session version
  // then (sv); role, active flag and version are read from the database on every request
  // (lib/auth/session.ts), so a change or a sign-out takes effect at once.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  // Errors too: next-auth's own error page would show a provider's failure unstyled.
  pages: { signIn: "/signin", error: "/signin" },
  get useSecureCookies() {
    return secureCookies();
  },
  get cookies() {
    const secure = secureCookies();
    return {
      sessionToken: {
        // The __Secure- prefix makes browsers refuse the cookie over plain http.
        name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    };
  },
  get providers() {
    const oidc = oidcProvider(env());
    return oidc ? [credentials, oidc] : [credentials];
  },
  callbacks: {
    // next-auth's own check concatenates any value starting with "/" to the base URL;
    // ours resolves it first, so "/\t/evil.example" cannot leave the site after sign-in.
    redirect: ({ url, baseUrl }) => `${new URL(baseUrl).origin}${safeCallbackPath(url, baseUrl)}`,
    signIn: ({ account, profile }) => allowSignIn({ account, profile }, findUserByEmail),
    async jwt({ token, user, account, profile }) {
      const subject = await sessionSubject({ token, user, account, profile }, findUserByEmail);
      if (!user || !subject.sub) return subject;
      // Single sign-on: the team roles the ID token's groups give, set before the session
      // exists. Failing here refuses the sign-in rather than keep roles the groups may not give.
      if (account?.provider === OIDC_PROVIDER_ID) {
        const groups = groupsFromClaims(
          profile as Record<string, unknown> | undefined,
          env().OIDC_GROUPS_CLAIM,
        );
        await recordSignInGroups({ userId: subject.sub, groups });
      }
      // A new sign-in: a session id of its own, and the version it must keep matching.
      const { sessionVersion } = await db().user.findUniqueOrThrow({
        where: { id: subject.sub },
        select: { sessionVersion: true },
      });
      return { ...subject, sid: randomUUID(), sv: sessionVersion };
    },
    session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      Object.assign(session, { sid: token.sid, sv: token.sv });
      return session;
    },
  },
  events: {
    // Signing out ends this session for good, even for a copy of the cookie taken before.
    async signOut({ token }) {
      const sid = (token as { sid?: unknown } | null)?.sid;
      const exp = (token as { exp?: unknown } | null)?.exp;
      if (typeof sid !== "string") return;
      const expiresAt =
        typeof exp === "number"
          ? new Date(exp * 1000)
          : new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
      await revokeSession(sid, expiresAt);
    },
  },
};
