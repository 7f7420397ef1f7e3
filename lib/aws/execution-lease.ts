import "server-only";
import { db } from "@/lib/db";

/**
 * Claims an execution for one app instance: free, already ours, or its holder's lease expired.
 * SKIP LOCKED lets two instances sweeping at once each pass over a row the other is claiming
 * instead of queueing behind it; the database clock decides expiry, so instances' clocks don't.
 */
export async function claimExecution(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE automation_executions SET
      lease_owner = ${owner},
      lease_expires_at = now() + make_interval(secs => ${leaseMs}::double precision / 1000),
      status = 'running',
      started_at = coalesce(started_at, now()),
      updated_at = now()
    WHERE id = (
      SELECT id FROM automation_executions
      WHERE id = ${id}::uuid AND status IN ('queued', 'running')
        AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_expires_at < now())
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.length === 1;
}

/** The heartbeat: extends our lease; false when it is no longer ours (expired and taken, or the execution ended). */
export async function renewLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const n = await db().$executeRaw`
    UPDATE automation_executions
    SET lease_expires_at = now() + make_interval(secs => ${leaseMs}::double precision / 1000)
    WHERE id = ${id}::uuid AND lease_owner = ${owner} AND status = 'running'`;
  return n === 1;
}
