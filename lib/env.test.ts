import { describe, expect, it } from "vitest";
import { appUrl, EnvError, parseEnv, serverEnv } from "@/lib/env";
import { poolConfig } from "@/lib/db/pool-config";

const SECRET = "s".repeat(32);
const URL_OK = "postgresql://runsheet:pw@127.0.0.1:5432/runsheet";

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected parseEnv to refuse the environment");
}

describe("parseEnv", () => {
  it("names a missing DATABASE_URL, and every other problem with it", () => {
    expect(errorOf({ NEXTAUTH_SECRET: SECRET })).toBe(
      "Invalid environment:\n" +
        "  DATABASE_URL: is required (npm start sets it when it runs the embedded PostgreSQL)",
    );
    expect(errorOf({ NODE_ENV: "staging" })).toBe(
      "Invalid environment:\n" +
        '  NODE_ENV: Invalid option: expected one of "development"|"test"|"production"\n' +
        "  DATABASE_URL: is required (npm start sets it when it runs the embedded PostgreSQL)",
    );
  });

  it("gives a command-line tool one line a variable, with how to fix it", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).lines()).toEqual([
        "DATABASE_URL must be a postgres:// connection URL — set it to postgresql://user:password@host:5432/database, or unset it to use the embedded PostgreSQL under .data/",
      ]);
    }
  });

  it("needs no NEXTAUTH_SECRET for tools, but the web server does", () => {
    const e = parseEnv({ DATABASE_URL: URL_OK });
    expect(e.NEXTAUTH_SECRET).toBeUndefined();
    expect(() => serverEnv(e)).toThrow("NEXTAUTH_SECRET: is required by the web server");
    expect(serverEnv(parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET })).NEXTAUTH_SECRET).toBe(
      SECRET,
    );
  });

  it("refuses a DATABASE_URL that is not PostgreSQL", () => {
    for (const bad of ["mysql://root@127.0.0.1/runsheet", "127.0.0.1:5432/runsheet", " postgres://x/y"]) {
      expect(errorOf({ DATABASE_URL: bad, NEXTAUTH_SECRET: SECRET }), bad).toBe(
        "Invalid environment:\n  DATABASE_URL: must be a postgres:// connection URL",
      );
    }
  });

  it("treats an empty variable as unset", () => {
    expect(errorOf({ DATABASE_URL: "", NEXTAUTH_SECRET: SECRET })).toMatch(/DATABASE_URL: is required/);
    expect(
      parseEnv({ DATABASE_URL: "postgres://a@localhost/b", NEXTAUTH_SECRET: SECRET, DB_POOL_MAX: "" })
        .DB_POOL_MAX,
    ).toBe(10);
  });

  it("accepts both postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://a@localhost/b", NEXTAUTH_SECRET: SECRET }).DATABASE_URL).toBe(
      "postgres://a@localhost/b",
    );
    expect(parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET }).DATABASE_URL).toBe(URL_OK);
  });

  it("refuses a NEXTAUTH_SECRET shorter than 32 characters", () => {
    expect(errorOf({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: "s".repeat(31) })).toBe(
      "Invalid environment:\n  NEXTAUTH_SECRET: must be at least 32 characters",
    );
    expect(parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: "s".repeat(32) }).NEXTAUTH_SECRET).toHaveLength(
      32,
    );
  });

  it("fills in defaults for the pool settings and NODE_ENV", () => {
    const e = parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET });
    expect(e).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: URL_OK,
      DB_POOL_MAX: 10,
      DB_CONNECT_TIMEOUT_MS: 5_000,
      DB_STATEMENT_TIMEOUT_MS: 15_000,
      DB_IDLE_TIMEOUT_MS: 30_000,
      NEXTAUTH_SECRET: SECRET,
      LOG_LEVEL: "info",
      STATUSPAGE_API_URL: "https://api.statuspage.io",
      NOTIFY_RETRY_LIMIT: 5,
      NOTIFY_RETRY_DELAY_SECONDS: 5,
      INTEGRATION_HTTP_TIMEOUT_MS: 10_000,
      OIDC_GROUPS_CLAIM: "groups",
    });
  });

  it("reads pool settings as numbers and refuses ones out of range", () => {
    const e = parseEnv({
      DATABASE_URL: URL_OK,
      NEXTAUTH_SECRET: SECRET,
      DB_POOL_MAX: "25",
      DB_STATEMENT_TIMEOUT_MS: "2000",
    });
    expect(e.DB_POOL_MAX).toBe(25);
    expect(e.DB_STATEMENT_TIMEOUT_MS).toBe(2_000);
    expect(errorOf({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET, DB_POOL_MAX: "0" })).toMatch(
      /^Invalid environment:\n {2}DB_POOL_MAX: /,
    );
    expect(errorOf({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET, DB_POOL_MAX: "201" })).toMatch(
      /^Invalid environment:\n {2}DB_POOL_MAX: /,
    );
    expect(errorOf({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET, DB_CONNECT_TIMEOUT_MS: "ten" })).toMatch(
      /^Invalid environment:\n {2}DB_CONNECT_TIMEOUT_MS: /,
    );
  });

  it("refuses an unknown NODE_ENV and a malformed NEXTAUTH_URL", () => {
    const message = errorOf({
      DATABASE_URL: URL_OK,
      NEXTAUTH_SECRET: SECRET,
      NODE_ENV: "staging",
      NEXTAUTH_URL: "not a url",
    });
    expect(message).toMatch(/\n {2}NODE_ENV: /);
    expect(message).toMatch(/\n {2}NEXTAUTH_URL: /);
  });
});

describe("mail settings", () => {
  it("accepts an smtp:// URL, refuses anything else, and leaves mail off when unset", () => {
    const base = { DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET };
    expect(parseEnv(base).SMTP_URL).toBeUndefined();
    expect(
      parseEnv({ ...base, SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "Ops <ops@example.com>" }).SMTP_URL,
    ).toBe("smtp://127.0.0.1:2525");
    // Real sending needs a real sender: no made-up runsheet@localhost default.
    expect(errorOf({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" })).toBe(
      "Invalid environment:\n  MAIL_FROM: is required with SMTP_URL (e.g. Runsheet <runsheet@example.com>)",
    );
    expect(
      errorOf({ ...base, SMTP_URL: "http://mail.example.com", MAIL_FROM: "Ops <ops@example.com>" }),
    ).toBe("Invalid environment:\n  SMTP_URL: must be an smtp:// or smtps:// URL");
  });

  it("puts links under APP_URL, else NEXTAUTH_URL, without a trailing slash", () => {
    const base = { DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET };
    expect(appUrl(parseEnv({ ...base, NEXTAUTH_URL: "http://localhost:3107/" }))).toBe(
      "http://localhost:3107",
    );
    expect(
      appUrl(
        parseEnv({ ...base, NEXTAUTH_URL: "http://internal:3000", APP_URL: "https://runsheet.example.com/" }),
      ),
    ).toBe("https://runsheet.example.com");
  });
});

describe("poolConfig", () => {
  it("turns the default settings into pg pool options", () => {
    const e = parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET });
    expect(poolConfig(e)).toEqual({
      connectionString: URL_OK,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
      application_name: "runsheet",
    });
  });

  it("never waits for a lock longer than a statement may run", () => {
    const e = parseEnv({ DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET, DB_STATEMENT_TIMEOUT_MS: "2000" });
    expect(poolConfig(e).lock_timeout).toBe(2_000);
  });
});

describe("security settings", () => {
  const base = { DATABASE_URL: URL_OK, NEXTAUTH_SECRET: SECRET };

  it("reads TRUST_PROXY as a number of proxies, unset by default", () => {
    expect(parseEnv(base).TRUST_PROXY).toBeUndefined();
    expect(parseEnv({ ...base, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(errorOf({ ...base, TRUST_PROXY: "yes" })).toMatch(/^Invalid environment:\n {2}TRUST_PROXY: /);
  });

  it("splits ALLOWED_ORIGINS and refuses anything but bare http(s) origins", () => {
    expect(
      parseEnv({ ...base, ALLOWED_ORIGINS: "https://ops.example.com, http://localhost:8080," })
        .ALLOWED_ORIGINS,
    ).toEqual(["https://ops.example.com", "http://localhost:8080"]);
    for (const bad of ["ops.example.com", "https://ops.example.com/path", "ftp://ops.example.com"]) {
      expect(errorOf({ ...base, ALLOWED_ORIGINS: bad }), bad).toMatch(/\n {2}ALLOWED_ORIGINS\.0: /);
    }
  });

  it("wants the OIDC issuer, client id and secret together", () => {
    const oidc = { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "rs", OIDC_CLIENT_SECRET: "s" };
    expect(parseEnv({ ...base, ...oidc })).toMatchObject(oidc);
    expect(errorOf({ ...base, OIDC_CLIENT_ID: "rs", OIDC_CLIENT_SECRET: "s" })).toBe(
      "Invalid environment:\n  OIDC_ISSUER: is required with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    );
    expect(errorOf({ ...base, ...oidc, OIDC_ISSUER: "not a url" })).toMatch(/\n {2}OIDC_ISSUER: /);
  });

  it("takes the groups claim as a name or a dotted path", () => {
    for (const claim of ["roles", "realm_access.roles", "https://example.com/groups"])
      expect(parseEnv({ ...base, OIDC_GROUPS_CLAIM: claim }).OIDC_GROUPS_CLAIM).toBe(claim);
    for (const bad of ["realm_access..roles", ".groups", "my groups", "groups."])
      expect(errorOf({ ...base, OIDC_GROUPS_CLAIM: bad }), bad).toMatch(
        /\n {2}OIDC_GROUPS_CLAIM: must be a claim name or a dotted path/,
      );
  });
});
