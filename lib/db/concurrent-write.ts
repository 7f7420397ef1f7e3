import { errorCodes } from "@/lib/db/error-codes";

/**
 * Whether an error means another request changed the same thing at the same moment — a
 * unique index took the other's row (23505, Prisma P2002), or PostgreSQL gave up one of two
 * colliding transactions (40001 serialization, 40P01 deadlock, Prisma P2034) — rather than
 * a bug. The loser is told it lost, as a conflict, never "internal".
 */
const PRISMA_CODES = new Set(["P2002", "P2034"]);
const SQLSTATE = new Set(["23505", "40001", "40P01"]);

export const CONCURRENT_WRITE = "Someone else made this change at the same moment; reload to see the result.";

export function isConcurrentWrite(err: unknown): boolean {
  return errorCodes(err).some((code) => PRISMA_CODES.has(code) || SQLSTATE.has(code));
}
