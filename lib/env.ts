import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Importing this module
 * with a missing or malformed variable fails at once, naming the variable.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (npm start sets it when it runs the embedded PostgreSQL)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
    /** Connections per app instance; keep instances × this under the server's max_connections. */
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    DB_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    NEXTAUTH_URL: z.url().optional(),
    /** Outgoing mail (smtp://user:pass@host:587); unset, nothing is sent and the roster says so. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Runsheet <runsheet@localhost>"),
    /** The public base URL put into emailed links; NEXTAUTH_URL when unset. */
    APP_URL: z.url().optional(),
    /**
     * Reverse proxies in front of the app that write X-Forwarded-For; the client address used
     * by the rate limits is the entry the outermost of them wrote. Unset: none.
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).optional(),
    /** Other origins (`https://host[:port]`, comma-separated) whose pages may send changes to this app. */
    ALLOWED_ORIGINS: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }).refine(isOrigin, "must be an origin like https://host")))
      .optional(),
    /** Sign-in through an OpenID Connect provider: ISSUER, CLIENT_ID and CLIENT_SECRET together, or none. */
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    /** The provider's name on the sign-in button. */
    OIDC_NAME: z.string().max(60).optional(),
    /** Atlassian Statuspage REST API; the key is sent as `Authorization: OAuth <key>`. */
    STATUSPAGE_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.statuspage.io"),
    STATUSPAGE_API_KEY: z.string().min(1).optional(),
    /** Announcement delivery: retries after the first attempt, and the first retry's delay (doubling after). */
    NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
    NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    /**
     * The Ed25519 private key (PKCS#8 PEM) that signs audit heads; kept outside the database.
     * Unset: generated once into .data/audit-signing-key for local runs (lib/audit/signing-key.ts).
     */
    AUDIT_SIGNING_KEY: z
      .string()
      .includes("PRIVATE KEY", { error: "must be a PKCS#8 PEM private key" })
      .optional(),
    /** The public key (SPKI PEM) verifiers check heads with; the signing key's public half when unset. */
    AUDIT_VERIFY_KEY: z
      .string()
      .includes("PUBLIC KEY", { error: "must be an SPKI PEM public key" })
      .optional(),
    /** Where signed heads are appended (outside PostgreSQL); .data/audit-checkpoints when unset. */
    AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
    /** Every call to Slack or Statuspage gives up after this long. */
    INTEGRATION_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  })
  .superRefine((e, ctx) => {
    const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
    const given = oidc.filter((k) => e[k] !== undefined);
    if (given.length === 0 || given.length === oidc.length) return;
    for (const k of oidc.filter((k) => e[k] === undefined))
      ctx.addIssue({ code: "custom", path: [k], message: `is required with ${given.join(" and ")}` });
  });

function isOrigin(url: string): boolean {
  // zod runs this even when the URL check failed.
  try {
    return new URL(url).origin === url;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`DB_POOL_MAX=`) means "not set": fall back to the default.
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Where people reach the app, without a trailing slash: the base of every emailed link. */
export function appUrl(e: Env = env()): string {
  return (e.APP_URL ?? e.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

let cached: Env | undefined;

/** Lazily parsed so that `next build` can import modules without a database configured. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
