import type { PersonRef, RunItemView, RunView } from "@/lib/runs/run-view";

/** What an item needs to know about its run to offer the flow's controls. */
export type ItemFlow = { run: RunView; canDecide: boolean; me: PersonRef };

export type Availability = NonNullable<RunView["availability"]>[string];

export type OnItemMutate = (
  m:
    | { type: "tick"; item: RunItemView; done: boolean }
    | { type: "start"; item: RunItemView }
    | { type: "assign"; item: RunItemView; assignee: PersonRef | null }
    | { type: "note"; item: RunItemView; note: string },
) => void;
