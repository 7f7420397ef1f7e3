import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { poolConfig } from "@/lib/db/pool-config";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process; dev hot reload would otherwise open a new pool per edit.
const globalForDb = globalThis as unknown as { runsheetDb?: PrismaClient };

export function createDb(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(env())) });
}

export function db(): PrismaClient {
  globalForDb.runsheetDb ??= createDb();
  return globalForDb.runsheetDb;
}
