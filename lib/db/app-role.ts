import pg from "pg";

/**
 * The app's least-privileged role. Migrations create `runsheet_app` (NOLOGIN); this grants
 * it what the app needs on whatever tables exist now, so a new migration's tables are
 * covered without each one remembering to. It may read and append audit events but never
 * UPDATE, DELETE or TRUNCATE them, and may read but not write the migration bookkeeping.
 * Login roles are made members of it (docs/DEPLOY.md); the owner stays the migrator.
 */
export const APP_ROLE = "runsheet_app";

const GRANTS = `
GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM ${APP_ROLE};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_runsheet_migrations" FROM ${APP_ROLE};
GRANT USAGE ON SCHEMA pgboss TO ${APP_ROLE};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${APP_ROLE};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${APP_ROLE};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${APP_ROLE};
`;

export async function grantAppRole(client: pg.ClientBase): Promise<void> {
  await client.query(GRANTS);
}

/**
 * A login role for the app that is a member of runsheet_app. Roles belong to the cluster:
 * an existing one is made a member and, only when asked (the embedded database, whose
 * password lives in .data/), given the password; a managed server's role keeps its own.
 */
export async function ensureAppLogin(
  client: pg.ClientBase,
  login: string,
  password: string,
  opts: { resetPassword?: boolean } = { resetPassword: true },
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(login)) throw new Error(`Invalid role name: ${login}`);
  const quoted = client.escapeLiteral(password);
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]);
  if (!rowCount) {
    await client.query(
      `CREATE ROLE ${login} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${quoted}`,
    );
  } else if (opts.resetPassword) {
    await client.query(`ALTER ROLE ${login} WITH LOGIN PASSWORD ${quoted}`);
  }
  await client.query(`GRANT ${APP_ROLE} TO ${login}`);
}

/** The same server and database as `url`, reached as another role. */
export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
