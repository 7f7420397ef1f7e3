import pino from "pino";
import { REQUEST_ID_HEADER } from "./request-id";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * One structured JSON logger for the server (stdout, one object a line, ISO time), so a
 * log shipper can index it. LOG_LEVEL is read directly rather than through env(): the
 * logger must work while reporting that the environment is invalid.
 */
export const logger = pino({
  level: LEVELS.has(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info",
  base: { service: "runsheet" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/**
 * A logger carrying the current request's id, inside a route handler, server action or
 * page; the plain logger elsewhere (jobs, start-up).
 */
export async function requestLogger(): Promise<pino.Logger> {
  try {
    const { headers } = await import("next/headers");
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return id ? logger.child({ requestId: id }) : logger;
  } catch {
    return logger;
  }
}
