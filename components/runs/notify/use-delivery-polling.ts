"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { runKey } from "@/components/runs/use-run";

/** While a delivery is under way, refetch the run so its sub-items tick on screen. */
export function useDeliveryPolling(runNumber: number, active: boolean, everyMs = 1500) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void qc.invalidateQueries({ queryKey: runKey(runNumber) }), everyMs);
    return () => clearInterval(timer);
  }, [qc, runNumber, active, everyMs]);
}
