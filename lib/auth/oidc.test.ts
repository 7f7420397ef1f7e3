import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  allowSignIn,
  oidcName,
  oidcProvider,
  sessionSubject,
  type FindUserByEmail,
  type OidcUser,
} from "@/lib/auth/oidc";

const base = { DATABASE_URL: "postgres://a@localhost/b", NEXTAUTH_SECRET: "s".repeat(32) };
const oidcEnv = {
  ...base,
  OIDC_ISSUER: "https://login.example.com/realms/ops/",
  OIDC_CLIENT_ID: "runsheet",
  OIDC_CLIENT_SECRET: "shh",
};

const ada: OidcUser = { id: "our-id-ada", name: "Ada Admin", email: "ada@runsheet.local", active: true };
const gone: OidcUser = { id: "our-id-gone", name: "Gone", email: "gone@runsheet.local", active: false };
const lookups: string[] = [];
const find: FindUserByEmail = async (email) => {
  lookups.push(email);
  return [ada, gone].find((u) => u.email === email) ?? null;
};

const oidc = { provider: "oidc" };
const claims = (c: Record<string, unknown>) => ({ sub: "idp-subject-123", ...c });

describe("configuration", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcName(parseEnv(base))).toBeNull();
    expect(oidcProvider(parseEnv(base))).toBeNull();
    expect(() => parseEnv({ ...base, OIDC_ISSUER: "https://login.example.com" })).toThrow(
      /OIDC_CLIENT_ID: is required with OIDC_ISSUER\n {2}OIDC_CLIENT_SECRET: is required with OIDC_ISSUER/,
    );
  });

  it("builds a PKCE + state provider from the issuer's discovery document", () => {
    const p = oidcProvider(parseEnv({ ...oidcEnv, OIDC_NAME: "Keycloak" }))!;
    expect(p).toMatchObject({
      id: "oidc",
      name: "Keycloak",
      type: "oauth",
      wellKnown: "https://login.example.com/realms/ops/.well-known/openid-configuration",
      clientId: "runsheet",
      clientSecret: "shh",
      idToken: true,
      checks: ["pkce", "state"],
    });
    expect(oidcName(parseEnv(oidcEnv))).toBe("single sign-on");
  });
});

describe("signIn callback", () => {
  it("lets credentials through: authorize has checked them", async () => {
    expect(await allowSignIn({ account: { provider: "credentials" } }, find)).toBe(true);
  });

  it("admits an active user whose verified email the provider asserts, case-insensitively", async () => {
    expect(
      await allowSignIn(
        { account: oidc, profile: claims({ email: " Ada@Runsheet.local", email_verified: true }) },
        find,
      ),
    ).toBe(true);
    expect(lookups.at(-1)).toBe("ada@runsheet.local");
    expect(
      await allowSignIn(
        { account: oidc, profile: claims({ email: ada.email, email_verified: "true" }) },
        find,
      ),
    ).toBe(true);
  });

  it("refuses unverified emails, unknown people and deactivated users; creates no one", async () => {
    for (const profile of [
      claims({ email: ada.email }),
      claims({ email: ada.email, email_verified: false }),
      claims({ email_verified: true }),
      claims({ email: "stranger@example.com", email_verified: true }),
      claims({ email: gone.email, email_verified: true }),
      undefined,
    ]) {
      expect(await allowSignIn({ account: oidc, profile }, find), JSON.stringify(profile)).toBe(false);
    }
  });
});

describe("jwt callback", () => {
  it("puts our user id in the session, never the provider's subject", async () => {
    const token = await sessionSubject(
      {
        token: { sub: "idp-subject-123", name: "From IdP", email: "ADA@runsheet.local" },
        user: { id: "idp-subject-123" },
        account: oidc,
        profile: claims({ email: "ADA@runsheet.local", email_verified: true }),
      },
      find,
    );
    expect(token).toEqual({ sub: ada.id, name: ada.name, email: ada.email });
  });

  it("refuses to mint a session for anyone signIn would have refused", async () => {
    await expect(
      sessionSubject(
        { token: { sub: "idp" }, user: { id: "idp" }, account: oidc, profile: claims({ email: gone.email }) },
        find,
      ),
    ).rejects.toThrow("AccessDenied");
  });

  it("keeps the credentials user's id, and an existing session as it is", async () => {
    expect(
      await sessionSubject({ token: {}, user: { id: "our-id" }, account: { provider: "credentials" } }, find),
    ).toEqual({ sub: "our-id" });
    expect(await sessionSubject({ token: { sub: "our-id" }, account: null }, find)).toEqual({
      sub: "our-id",
    });
  });
});
