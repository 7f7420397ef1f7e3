"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";

type Failure = { error: string; code: string; fieldErrors?: Record<string, string[]> };

/**
 * Calls a server action and keeps what the form needs to show: pending while it runs, the
 * refusal (message and per-field errors) until the next call. `run` takes a thunk so the
 * caller builds the input at submit time; `onOk` runs with the action's data.
 */
export function useServerAction() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = useCallback(
    <T>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void | Promise<void>) =>
      startTransition(async () => {
        const res = await call();
        if (!res.ok) {
          setFailure({ error: res.error, code: res.code, fieldErrors: res.fieldErrors });
          return;
        }
        setFailure(null);
        await onOk?.(res.data);
      }),
    [],
  );
  return {
    run,
    pending,
    error: failure?.error ?? null,
    code: failure?.code ?? null,
    fieldError: (key: string) => failure?.fieldErrors?.[key]?.join(", "),
    clearError: () => setFailure(null),
  };
}
