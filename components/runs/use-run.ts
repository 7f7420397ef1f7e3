"use client";

import {
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import type { PersonRef, RunItemView, RunView } from "@/lib/runs/run-view";
import { availabilityOfView } from "@/lib/runs/flow/view-availability";
import {
  assignItemAction,
  setItemNoteAction,
  startItemAction,
  tickItemAction,
} from "@/app/(app)/runs/actions";

export const runKey = (number: number) => ["run", number] as const;

/** Sets one item of the cached run, unless the cache already holds a newer version, and recomputes the locks. */
export function patchRunItem(qc: QueryClient, number: number, item: RunItemView) {
  qc.setQueryData<RunView>(runKey(number), (run) => {
    const current = run?.items.find((i) => i.id === item.id);
    if (!run || !current || current.version > item.version) return run;
    return withItems(
      run,
      run.items.map((i) => (i.id === item.id ? item : i)),
    );
  });
}

function withItems(run: RunView, items: RunItemView[]): RunView {
  const next = { ...run, items };
  return { ...next, availability: availabilityOfView(next) };
}

async function fetchRun(number: number): Promise<RunView> {
  const res = await fetch(`/api/v1/runs/${number}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load run #${number} (${res.status})`);
  return res.json();
}

type ItemMutation =
  | { type: "tick"; item: RunItemView; done: boolean }
  | { type: "start"; item: RunItemView }
  | { type: "assign"; item: RunItemView; assignee: PersonRef | null }
  | { type: "note"; item: RunItemView; note: string };

/** What the browser shows before the server answers; the server's answer replaces it. */
function optimistic(m: ItemMutation, me: PersonRef): Partial<RunItemView> {
  switch (m.type) {
    case "tick":
      return m.done
        ? { state: "done", doneBy: me, doneAt: null, elapsedMs: null }
        : { state: "open", doneBy: null, doneAt: null, elapsedMs: null };
    case "start":
      return { startedAt: new Date().toISOString() };
    case "assign":
      return { assignee: m.assignee };
    case "note":
      return { note: m.note || null };
  }
}

function send(m: ItemMutation, runId: string): Promise<ActionResult<RunItemView>> {
  const ref = { runId, itemId: m.item.id, version: m.item.version };
  switch (m.type) {
    case "tick":
      return tickItemAction({ ...ref, done: m.done });
    case "start":
      return startItemAction(ref);
    case "assign":
      return assignItemAction({ ...ref, assigneeId: m.assignee?.id ?? null });
    case "note":
      return setItemNoteAction({ ...ref, note: m.note });
  }
}

export function useRun(initial: RunView, me: PersonRef) {
  const qc = useQueryClient();
  const key = runKey(initial.number);
  // Shown on the item it is about (and announced in a toast that jumps there).
  const [notice, setNotice] = useState<{
    kind: "conflict" | "error";
    text: string;
    itemId: string;
    path: string;
  } | null>(null);
  const query = useQuery({ queryKey: key, queryFn: () => fetchRun(initial.number), initialData: initial });

  const patchItem = (id: string, patch: Partial<RunItemView>) =>
    qc.setQueryData<RunView>(key, (run) =>
      run
        ? withItems(
            run,
            run.items.map((i) => (i.id === id ? { ...i, ...patch } : i)),
          )
        : run,
    );

  const mutationKey = ["run-item", initial.number];
  const mutation = useMutation({
    mutationKey,
    // Offline (navigator.onLine false) the mutation waits, paused, and is sent when the browser is
    // back online; a request that never reached the server is tried again for about a minute. Either
    // way it carries the version seen when it was made, so a change made meanwhile comes back as a
    // conflict, not an overwrite.
    // An answer "busy" (the run's queue stood still) is tried again a few times too.
    retry: (failures, err) => {
      const result = (err as { result?: { code?: string } }).result;
      return result ? result.code === "busy" && failures < 3 : failures < 8;
    },
    retryDelay: (failures) => Math.min(10_000, 500 * 2 ** failures),
    mutationFn: async (m: ItemMutation) => {
      const res = await send(m, initial.id);
      if (!res.ok) throw Object.assign(new Error(res.error), { result: res });
      return res.data;
    },
    onMutate: (m) => {
      setNotice(null);
      // Cancel (and roll back) a refetch in flight before patching, and patch without
      // awaiting: a controlled checkbox must show the new state in the same tick.
      void qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<RunView>(key)?.items.find((i) => i.id === m.item.id);
      patchItem(m.item.id, optimistic(m, me));
      return { before };
    },
    onSuccess: (item) => {
      // The locks follow from the patch; a change that reached beyond the item (a result, a
      // branch) comes back over the live stream, which then reads the run again.
      patchRunItem(qc, initial.number, item);
    },
    onError: (err, m, ctx) => {
      const result = (err as { result?: ActionResult<never> }).result;
      if (result && !result.ok && result.code === "conflict" && result.current) {
        patchItem(m.item.id, result.current as RunItemView);
        setNotice({ kind: "conflict", text: result.error, itemId: m.item.id, path: m.item.path });
      } else {
        if (ctx?.before) patchItem(m.item.id, ctx.before);
        setNotice({
          kind: "error",
          text: err.message || "The change was not saved.",
          itemId: m.item.id,
          path: m.item.path,
        });
      }
    },
  });

  const pendingIds = new Set(
    useMutationState({
      filters: { mutationKey, status: "pending" },
      select: (m) => (m.state.variables as ItemMutation | undefined)?.item.id,
    }),
  );

  const queued = useMutationState({
    filters: { mutationKey, status: "pending" },
    select: (m) => m.state.isPaused || m.state.failureCount > 0,
  }).filter(Boolean).length;

  return {
    run: query.data,
    mutate: mutation.mutate,
    pendingIds,
    queued,
    notice,
    dismissNotice: () => setNotice(null),
  };
}
