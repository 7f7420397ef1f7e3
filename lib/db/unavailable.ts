import { errorCodes, errorMessages } from "@/lib/db/error-codes";

/** Shown when PostgreSQL cannot be reached; the transaction, if any, was rolled back. */
export const DATABASE_UNAVAILABLE =
  "The database cannot be reached right now, so nothing was saved. Try again in a moment.";

// Prisma: can't reach / timed out / server closed the connection. PostgreSQL SQLSTATE:
// 08 connection exceptions, 57P01–57P03 shutting down or starting up. Node: socket errors.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);
const MESSAGES =
  /can't reach database server|server has closed the connection|connection terminated|client has encountered a connection error|timeout exceeded when trying to connect|the database system is (shutting down|starting up)/i;

/** Whether an error means the database was down or the connection was lost, rather than a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const down = (code: string) => PRISMA_CODES.has(code) || SQLSTATE.test(code) || SOCKET_CODES.has(code);
  return errorCodes(err).some(down) || errorMessages(err).some((m) => MESSAGES.test(m));
}
