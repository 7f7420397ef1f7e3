/**
 * A local OpenID Connect provider for tests: panva's `oidc-provider` (the certified
 * implementation) on a loopback port, with discovery, authorization code + PKCE, state and
 * signed ID tokens, and its development login page (any login, any password). Accounts are
 * claims kept in memory, keyed by the login typed on that page; a test changes them through
 * PUT /test/accounts/<login> (a JSON object of claims) to add or drop a person's groups.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type OidcProviderFake = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets (replaces) the claims of the account signed in as `login`. */
  setAccount: (login: string, claims: Record<string, unknown>) => void;
  close: () => Promise<void>;
};

const SCOPE = "openid email profile";

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body);
}

export async function startOidcProviderFake({
  port,
  redirectUris,
}: {
  port: number;
  redirectUris: string[];
}): Promise<OidcProviderFake> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "runsheet-test";
  const clientSecret = "runsheet-test-secret-0123456789";
  const accounts = new Map<string, Record<string, unknown>>();
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const config: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" } as never] },
    cookies: { keys: ["oidc-provider-fake-cookie-key"] },
    pkce: { required: () => true },
    // The groups ride in the ID token, which is what next-auth reads as the profile.
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "groups", "realm_access"],
    },
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      // Read when a token is minted, so a later change of groups shows at the next sign-in.
      return { accountId: id, claims: () => ({ ...accounts.get(id), sub: id }) };
    },
    // A first-party client: the person is not asked to consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client!.clientId;
      const existing = ctx.oidc.session!.grantIdFor(clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(SCOPE);
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    // Ten minutes of everything: long enough for any test, and said so to quiet its notices.
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  };
  const provider = new Provider(issuer, config);
  const handle = provider.callback();
  const server = createServer((req, res) => {
    const test = /^\/test\/accounts\/([^/?]+)$/.exec(req.url ?? "");
    if (!test || req.method !== "PUT") return void handle(req, res);
    readJson(req).then(
      (claims) => {
        accounts.set(decodeURIComponent(test[1]!), claims as Record<string, unknown>);
        res.writeHead(204).end();
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, claims) => accounts.set(login, claims),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
