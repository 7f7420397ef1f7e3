/** What a caller is told about a failure: by a server action's result and by an API response alike. */
export type ErrorBody = {
  error: string;
  code: string;
  fieldErrors?: Record<string, string[]>;
  /** On a conflict: the object as it is now. */
  current?: unknown;
  /** A refused template import: every problem with its line. */
  issues?: { line: number | null; message: string }[];
  retryAfterSeconds?: number;
  /** An unexpected failure: the id its log line carries, for a report. */
  requestId?: string;
};

/**
 * Expected failures of domain functions. Their messages are safe to show to users;
 * anything else that is thrown is logged and shown as a generic error
 * (lib/http/error-answer.ts). Each kind says its HTTP status and what it adds to the body.
 */
export class DomainError extends Error {
  readonly status: number = 400;
  readonly code: string = "invalid";

  toJSON(): ErrorBody {
    return { error: this.message, code: this.code };
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  override readonly code = "unauthenticated";
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly code = "forbidden";
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly code = "not_found";
}

/** Someone else changed the object first; `current` is what it looks like now. */
export class ConflictError<T = unknown> extends DomainError {
  override readonly status = 409;
  override readonly code = "conflict";
  constructor(
    message: string,
    readonly current: T,
  ) {
    super(message);
  }

  override toJSON(): ErrorBody {
    return { ...super.toJSON(), current: this.current };
  }
}

export class ValidationError extends DomainError {
  override readonly status = 400;
  override readonly code = "validation";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }

  override toJSON(): ErrorBody {
    return { ...super.toJSON(), fieldErrors: this.fieldErrors };
  }
}

/** The thing existed but may no longer be used, such as a link to a closed run. */
export class GoneError extends DomainError {
  override readonly status = 410;
  override readonly code = "gone";
}

/** Too many failed attempts from one address or for one account; the message says when to retry. */
export class RateLimitedError extends DomainError {
  override readonly status = 429;
  override readonly code = "rate_limited";
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    super(`Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }

  override toJSON(): ErrorBody {
    return { ...super.toJSON(), retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** A request body larger than the route takes; refused before (or while) it is read. */
export class PayloadTooLargeError extends DomainError {
  override readonly status = 413;
  override readonly code = "too_large";
}

/** An Idempotency-Key sent again with a different request. */
export class IdempotencyMismatchError extends DomainError {
  override readonly status = 422;
  override readonly code = "idempotency_mismatch";
}

/**
 * The database is up, but this change waited longer than any healthy queue would make it
 * wait (for its run's turn, a connection or a lock) and was given up, unsaved. The message
 * says which wait ran out; retrying shortly is safe.
 */
export class BusyError extends DomainError {
  override readonly status = 503;
  override readonly code = "busy";
  readonly retryAfterSeconds = 2;
}

/** A dependency (the database) cannot be reached; nothing was changed and a retry may succeed. */
export class UnavailableError extends DomainError {
  override readonly status = 503;
  override readonly code = "unavailable";
  readonly retryAfterSeconds = 5;
}
