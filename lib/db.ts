import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { poolConfig } from "@/lib/db/pool-config";
import { logger } from "@/lib/log/logger";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One pool and one client per process; dev hot reload would otherwise open a new pool per edit.
const globalForDb = globalThis as unknown as { runsheetDb?: PrismaClient; runsheetPool?: pg.Pool };

/**
 * The process's connection pool. Kept in our hands rather than Prisma's so that a wait for
 * a free connection can be told apart from a database that does not answer (lib/db/busy.ts).
 */
export function dbPool(): pg.Pool {
  if (!globalForDb.runsheetPool) {
    const pool = new pg.Pool(poolConfig(env()));
    // An idle connection the server closes (a restart, a failover) is an event, not a crash;
    // the pool drops it and the next query opens another.
    pool.on("error", (err) => logger.warn({ err: err.message }, "database: an idle connection was closed"));
    globalForDb.runsheetPool = pool;
  }
  return globalForDb.runsheetPool;
}

export function db(): PrismaClient {
  globalForDb.runsheetDb ??= new PrismaClient({ adapter: new PrismaPg(dbPool()) });
  return globalForDb.runsheetDb;
}
