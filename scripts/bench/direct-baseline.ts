import pg from "pg";
import { hashEvent } from "@/lib/audit/hash-event";
import type { LoadResult } from "./tick-load";
import { percentile } from "./stats";
import type { TickRef } from "./tick-action";

/**
 * The floor under a tick: the same writes the app makes (the run's lock, the versioned
 * UPDATE, the previous event, the hashed INSERT, NOTIFY) straight through `pg`, with no HTTP,
 * session, Prisma or rendering, `connections` at a time over a pool of the app's size.
 */
export async function directBaseline(opts: {
  connectionString: string;
  poolMax: number;
  connections: number;
  actorId: string;
  items: TickRef[];
}): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.poolMax });
  const queue = [...opts.items];
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  const tick = async (ref: TickRef) => {
    const c = await pool.connect();
    const stream = `run:${ref.runId}`;
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [stream]);
      const now = new Date();
      const updated = await c.query(
        `UPDATE run_items SET state = 'done', done_by_id = $1, done_at = $2, elapsed_ms = 0,
           version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`,
        [opts.actorId, now, ref.itemId, ref.version],
      );
      if (updated.rowCount !== 1) {
        await c.query("ROLLBACK");
        refused.conflict = (refused.conflict ?? 0) + 1;
        return;
      }
      const last = await c.query<{ seq: number; hash: string }>(
        "SELECT seq, hash FROM audit_events WHERE stream = $1 ORDER BY seq DESC LIMIT 1",
        [stream],
      );
      const fields = {
        stream,
        seq: (last.rows[0]?.seq ?? 0) + 1,
        runId: ref.runId,
        actorId: opts.actorId,
        action: "item.ticked",
        itemId: ref.itemId,
        payload: { version: ref.version + 1, elapsedMs: 0 },
        createdAt: now.toISOString(),
        prevHash: last.rows[0]?.hash ?? null,
      };
      await c.query(
        `INSERT INTO audit_events (stream, seq, run_id, actor_id, action, item_id, payload, created_at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          stream,
          fields.seq,
          ref.runId,
          opts.actorId,
          fields.action,
          ref.itemId,
          JSON.stringify(fields.payload),
          now,
          fields.prevHash,
          hashEvent(fields),
        ],
      );
      await c.query("SELECT pg_notify('runsheet_run', $1)", [
        JSON.stringify({ runId: ref.runId, seq: fields.seq, action: fields.action, itemId: ref.itemId }),
      ]);
      await c.query("COMMIT");
      ok++;
    } catch {
      errors++;
      await c.query("ROLLBACK").catch(() => {});
    } finally {
      c.release();
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        const t0 = performance.now();
        await tick(ref);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return {
    connections: opts.connections,
    requests: latencies.length,
    ok,
    refused,
    non2xx: 0,
    errors,
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
