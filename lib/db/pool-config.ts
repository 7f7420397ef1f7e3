import type { PoolConfig } from "pg";
import type { Env } from "@/lib/env";

/** One place for pool limits and timeouts, shared by Prisma's adapter and raw `pg` users. */
export function poolConfig(
  e: Pick<
    Env,
    | "DATABASE_URL"
    | "DB_POOL_MAX"
    | "DB_CONNECT_TIMEOUT_MS"
    | "DB_STATEMENT_TIMEOUT_MS"
    | "DB_IDLE_TIMEOUT_MS"
  >,
): PoolConfig {
  return {
    connectionString: e.DATABASE_URL,
    max: e.DB_POOL_MAX,
    connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: e.DB_IDLE_TIMEOUT_MS,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    // A lock held by a stuck transaction must not freeze every tick behind it.
    lock_timeout: Math.min(e.DB_STATEMENT_TIMEOUT_MS, 5_000),
    idle_in_transaction_session_timeout: e.DB_STATEMENT_TIMEOUT_MS * 2,
    application_name: "runsheet",
  };
}
