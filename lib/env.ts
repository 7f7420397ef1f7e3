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
    /**
     * The schema owner, for migrations only; the app itself connects with DATABASE_URL as a role
     * that cannot rewrite the audit log (docs/DEPLOY.md). Unset: DATABASE_URL migrates too.
     */
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
      .optional(),
    /** Connections per app instance; keep instances × this under the server's max_connections. */
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    DB_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** Signs session cookies. Only the web server needs it (serverEnv()); command-line tools do not. */
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NEXTAUTH_URL: z.url().optional(),
    /** Outgoing mail (smtp://user:pass@host:587); unset, nothing is sent and the roster says so. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .optional(),
    /** The sender mail servers see; required with SMTP_URL (a made-up localhost sender is refused or junked). */
    MAIL_FROM: z.string().min(3).optional(),
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
    /**
     * The claim that lists a person's groups for the sign-in group mapping: a name, or a dotted
     * path into nested claims such as `realm_access.roles`. Deployment configuration beside the
     * issuer, not an admin setting: a wrong value would strip every group-given role at the
     * next sign-ins (docs/decisions/0016-sign-in-groups-map-to-team-roles.md).
     */
    OIDC_GROUPS_CLAIM: z
      .string()
      .trim()
      .regex(/^[^\s.]+(\.[^\s.]+)*$/, "must be a claim name or a dotted path such as realm_access.roles")
      .max(200)
      .default("groups"),
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
    if (e.SMTP_URL && !e.MAIL_FROM)
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "is required with SMTP_URL (e.g. Runsheet <runsheet@example.com>)",
      });
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

/** How to mend each variable people most often get wrong, for the one-line error of a tool. */
const FIXES: Record<string, string> = {
  DATABASE_URL:
    "set it to postgresql://user:password@host:5432/database, or unset it to use the embedded PostgreSQL under .data/",
  MIGRATION_DATABASE_URL:
    "set it to the schema owner's postgresql:// URL, or unset it to migrate with DATABASE_URL",
  NEXTAUTH_SECRET:
    "set it to 32 or more random characters (openssl rand -hex 32); npm start keeps one in .data/auth-secret",
};

/** A missing or malformed setting; each issue names its variable and how to fix it. */
export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid environment:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "EnvError";
  }

  /** One line a variable: what is wrong and how to mend it. */
  lines(): string[] {
    return this.issues.map((i) => {
      const fix = FIXES[i.variable.split(".")[0]!];
      return `${i.variable} ${i.message}${fix ? ` — ${fix}` : ""}`;
    });
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`DB_POOL_MAX=`) means "not set": fall back to the default.
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(set);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => ({ variable: i.path.join("."), message: i.message })));
  }
  return result.data;
}

/** What the web server needs beyond every tool's settings: the secret that signs sessions. */
export function serverEnv(e: Env = env()): Env & { NEXTAUTH_SECRET: string } {
  if (!e.NEXTAUTH_SECRET)
    throw new EnvError([{ variable: "NEXTAUTH_SECRET", message: "is required by the web server" }]);
  return e as Env & { NEXTAUTH_SECRET: string };
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
