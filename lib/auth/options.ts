import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/authenticate";
import { allowSignIn, oidcProvider, sessionSubject, type FindUserByEmail } from "@/lib/auth/oidc";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { RateLimitedError } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";

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
      logger.error({ err }, "sign-in failed");
      throw new Error("SignInUnavailable");
    }
  },
});

const findUserByEmail: FindUserByEmail = (email) =>
  db().user.findUnique({ where: { email }, select: { id: true, name: true, email: true, active: true } });

function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

// Getters: read at request time, so that `next build` needs no environment.
export const authOptions: NextAuthOptions = {
  // The JWT only says who signed in; role and active flag are read from the database
  // on every request (lib/auth/session.ts), so a change takes effect at once.
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
    signIn: ({ account, profile }) => allowSignIn({ account, profile }, findUserByEmail),
    jwt: ({ token, user, account, profile }) =>
      sessionSubject({ token, user, account, profile }, findUserByEmail),
    session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
