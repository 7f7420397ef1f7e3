"use client";

/**
 * What people see when a page fails unexpectedly. Never the error's message: a server
 * error's may hold SQL or paths. The digest matches the server's log line.
 */
export function ErrorNotice({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg space-y-3 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">
        The page could not be shown. Try again; if it keeps failing, tell an admin.
      </p>
      {digest && (
        <p className="text-sm text-slate-600">
          Reference: <code data-testid="error-digest">{digest}</code>
        </p>
      )}
      <button
        type="button"
        onClick={retry}
        className="rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
      >
        Try again
      </button>
    </div>
  );
}
