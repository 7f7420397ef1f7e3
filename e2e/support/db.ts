import pg from "pg";
import { E2E_DATABASE_URL } from "./ports";

/** Direct reads (and test-only writes) on the end-to-end database, for looking up ids. */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function queryOne<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> {
  return withDb(async (c) => {
    const { rows } = await c.query<T>(sql, params);
    if (!rows[0]) throw new Error(`no row for: ${sql}`);
    return rows[0];
  });
}
