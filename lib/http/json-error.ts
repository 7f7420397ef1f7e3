import "server-only";
import type { Logger } from "pino";
import { NextResponse } from "next/server";
import { logger } from "@/lib/log/logger";
import { ConflictError, DomainError, ValidationError } from "@/lib/errors";
import { TemplateImportError } from "@/lib/templates/import-error";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { CONCURRENT_WRITE, isConcurrentWrite } from "@/lib/db/concurrent-write";
import { asBusy } from "@/lib/db/busy";
import { dbPool } from "@/lib/db";

/** Maps a thrown error to a JSON response; never leaks a stack trace or SQL. */
export function jsonError(err: unknown, log: Logger = logger): NextResponse {
  if (err instanceof TemplateImportError) {
    return NextResponse.json({ error: err.message, issues: err.issues }, { status: 400 });
  }
  if (err instanceof ConflictError) {
    return NextResponse.json(
      { error: err.message, code: err.code, current: err.current },
      { status: err.status },
    );
  }
  if (err instanceof ValidationError) {
    return NextResponse.json(
      { error: err.message, code: err.code, fieldErrors: err.fieldErrors },
      { status: err.status },
    );
  }
  const busy = asBusy(err, dbPool());
  if (busy) {
    return NextResponse.json(
      { error: busy.message, code: busy.code },
      { status: busy.status, headers: { "retry-after": String(busy.retryAfterSeconds) } },
    );
  }
  if (err instanceof DomainError) {
    return NextResponse.json({ error: err.message, code: err.code }, { status: err.status });
  }
  if (isConcurrentWrite(err)) {
    return NextResponse.json({ error: CONCURRENT_WRITE, code: "conflict" }, { status: 409 });
  }
  if (isDatabaseUnavailable(err)) {
    return NextResponse.json(
      { error: DATABASE_UNAVAILABLE, code: "unavailable" },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  log.error({ err }, "request failed");
  return NextResponse.json({ error: "Internal error", code: "internal" }, { status: 500 });
}
