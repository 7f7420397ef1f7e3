import { DomainError } from "@/lib/errors";
import { EnvError } from "@/lib/env";
import { localDatabase, type LocalDatabase } from "./local-database";
import { ensurePrismaClient } from "./prisma-client";
import { ToolError } from "./tool-error";

export type ToolContext = {
  log: (m: string) => void;
  database: LocalDatabase;
};

/**
 * The frame of every command-line tool: the Prisma client, the local (or configured)
 * database as the app's least-privileged user, and one line, not a stack trace, for every
 * expected failure. Exit codes: 0 done, 1 failed, 2 a setting or the call's words are wrong.
 * Domain modules must be imported inside `main`, after the environment is in place.
 */
export async function runTool(
  name: string,
  main: (ctx: ToolContext) => Promise<number | void>,
  opts: { prepare?: boolean } = {},
): Promise<never> {
  const log = (m: string) => console.error(`[${name}] ${m}`);
  let database: LocalDatabase | undefined;
  let code = 1;
  try {
    ensurePrismaClient(log);
    database = await localDatabase({ log, prepare: opts.prepare });
    process.env.DATABASE_URL = database.appUrl;
    code = (await main({ log, database })) ?? 0;
  } catch (err) {
    code = reportToolError(name, err);
  } finally {
    await disconnect();
    await database?.stop().catch(() => {});
  }
  process.exit(code);
}

/** Prints an expected failure as one line (a stack trace only with DEBUG=1); returns the exit code. */
export function reportToolError(name: string, err: unknown): number {
  if (err instanceof EnvError) {
    for (const line of err.lines()) console.error(`${name}: ${line}`);
    return 2;
  }
  if (err instanceof ToolError) {
    console.error(`${name}: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof DomainError) {
    console.error(`${name}: ${err.message}`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${name}: failed: ${message.split("\n")[0]}`);
  if (process.env.DEBUG) console.error(err);
  else console.error(`${name}: run again with DEBUG=1 for the details`);
  return 1;
}

/** Closes the database client and its pool if a tool opened them, so the process can exit. */
async function disconnect() {
  const cached = globalThis as {
    runsheetDb?: { $disconnect(): Promise<void> };
    runsheetPool?: { end(): Promise<void>; ended?: boolean };
  };
  await cached.runsheetDb?.$disconnect().catch(() => {});
  if (cached.runsheetPool && !cached.runsheetPool.ended) await cached.runsheetPool.end().catch(() => {});
}
