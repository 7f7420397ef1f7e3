"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { AckRosterView } from "@/lib/acks/ack-view";

export const ackRosterKey = (number: number) => ["run-acks", number] as const;

async function fetchRoster(number: number): Promise<AckRosterView> {
  const res = await fetch(`/api/v1/runs/${number}/acks`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load the acknowledgements of run #${number} (${res.status})`);
  return res.json();
}

export function useAckRoster(initial: AckRosterView) {
  const qc = useQueryClient();
  const key = ackRosterKey(initial.number);
  const query = useQuery({
    queryKey: key,
    queryFn: () => fetchRoster(initial.number),
    initialData: initial,
    // No polling: the run page's live events (use-live-run.ts) refetch it after every change.
  });
  return { roster: query.data, refresh: () => qc.invalidateQueries({ queryKey: key }) };
}
