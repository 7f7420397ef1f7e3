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
    // Polling stands in for live updates until server-sent events arrive.
    refetchInterval: (q) => (q.state.data?.status === "open" ? 2_500 : false),
  });
  return { roster: query.data, refresh: () => qc.invalidateQueries({ queryKey: key }) };
}
