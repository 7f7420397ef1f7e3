"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import { runKey } from "@/components/runs/use-run";

/**
 * For flow actions that change more than one item (a decision, a result, closing):
 * call the action, then refetch the run, since the server decides what else changed.
 */
export function useRunCommand(runNumber: number) {
  const qc = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) =>
    startTransition(async () => {
      const res = await call();
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setError(null);
      onOk?.(res.data);
      await qc.invalidateQueries({ queryKey: runKey(runNumber) });
    });
  return { run, pending, error, clearError: () => setError(null) };
}
