/**
 * Every code an error carries, from Prisma's own (P2002) to PostgreSQL's SQLSTATE and
 * Node's socket codes, wherever the driver adapter nested them (`cause`,
 * `meta.driverAdapterError`). The one reader the database error classifiers share.
 */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 4) return [];
  const e = err as {
    code?: unknown;
    originalCode?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown; code?: unknown };
  };
  const own = [e.code, e.originalCode, e.meta?.code].filter((c): c is string => typeof c === "string");
  return [...own, ...errorCodes(e.cause, depth + 1), ...errorCodes(e.meta?.driverAdapterError, depth + 1)];
}

/** Every message along the same chain, for the failures that only a message tells apart. */
export function errorMessages(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 4) return [];
  const e = err as { message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const own = typeof e.message === "string" ? [e.message] : [];
  return [
    ...own,
    ...errorMessages(e.cause, depth + 1),
    ...errorMessages(e.meta?.driverAdapterError, depth + 1),
  ];
}
