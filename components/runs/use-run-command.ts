"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/run-action";
import { runKey } from "@/components/runs/use-run";
import { useServerAction } from "@/components/ui/use-server-action";

/**
 * For flow actions that change more than one item (a decision, a result, closing):
 * call the action, then refetch the run, since the server decides what else changed.
 */
export function useRunCommand(runNumber: number) {
  const qc = useQueryClient();
  const action = useServerAction();
  const run = <T>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) =>
    action.run(call, async (data) => {
      onOk?.(data);
      await qc.invalidateQueries({ queryKey: runKey(runNumber) });
    });
  return { ...action, run };
}
