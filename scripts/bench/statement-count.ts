import pg from "pg";

/**
 * Counts the statements one login sends, with PostgreSQL's own pg_stat_statements (loaded
 * by the bench's database): every statement the server executed, BEGIN and COMMIT
 * included, whatever client sent it. Resetting and reading need the owner's connection.
 */
export async function statementCounter(ownerUrl: string, login: string) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  return {
    reset: async () => {
      await owner.query("SELECT pg_stat_statements_reset()");
    },
    /** Statements since the last reset, in all and by their normalised text, most called first. */
    read: async () => {
      const { rows } = await owner.query<{ query: string; calls: string }>(
        `SELECT s.query, sum(s.calls)::bigint AS calls FROM pg_stat_statements s
         JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1
         GROUP BY s.query ORDER BY calls DESC`,
        [login],
      );
      const total = rows.reduce((n, r) => n + Number(r.calls), 0);
      return { total, byQuery: rows.map((r) => ({ query: r.query, calls: Number(r.calls) })) };
    },
    close: () => owner.end(),
  };
}
