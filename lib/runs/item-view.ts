import type { ItemSpec, PersonRef, RunItemView } from "@/lib/runs/run-view";

export const personSelect = { select: { id: true, name: true, handle: true } } as const;
export const itemViewInclude = {
  assignee: personSelect,
  doneBy: personSelect,
  unlockedBy: personSelect,
} as const;

/** A run_items row as Prisma reads it with `itemViewInclude`: the view's fields, in their stored types. */
type ItemRow = Omit<RunItemView, "spec" | "doneAt" | "startedAt" | "unlocked"> & {
  spec: unknown;
  doneAt: Date | null;
  startedAt: Date | null;
  unlockedAt?: Date | null;
  unlockedBy?: PersonRef | null;
  unlockReason?: string | null;
};

export function toItemView(i: ItemRow): RunItemView {
  return {
    id: i.id,
    sectionId: i.sectionId,
    parentId: i.parentId,
    position: i.position,
    path: i.path,
    depth: i.depth,
    kind: i.kind,
    text: i.text,
    spec: i.spec as ItemSpec,
    state: i.state,
    assignee: i.assignee,
    doneBy: i.doneBy,
    doneAt: i.doneAt?.toISOString() ?? null,
    startedAt: i.startedAt?.toISOString() ?? null,
    elapsedMs: i.elapsedMs,
    note: i.note,
    version: i.version,
    unlocked: i.unlockedAt
      ? { by: i.unlockedBy ?? null, at: i.unlockedAt.toISOString(), reason: i.unlockReason ?? "" }
      : null,
  };
}
