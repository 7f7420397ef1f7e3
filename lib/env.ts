import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Importing this module
 * with a missing or malformed variable fails at once, naming the variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (npm start sets it when it runs the embedded PostgreSQL)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
  /** Connections per app instance; keep instances × this under the server's max_connections. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`DB_POOL_MAX=`) means "not set": fall back to the default.
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** Lazily parsed so that `next build` can import modules without a database configured. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
