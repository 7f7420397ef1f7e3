import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one writer of stored item state. A person's change of one item goes through
 * changeItem (lib/runs/change-item.ts), which writes it with itemUpdateSql below; what the flow does to items as a consequence (a branch not
 * taken, a result that makes items not applicable, an integration that ticks an
 * announcement) goes through these, inside the caller's run transaction and audited by the
 * caller's event. Every write bumps the items' versions, so a browser holding an older one
 * gets a conflict rather than overwriting.
 */
export function writeItems(
  tx: Tx,
  where: Prisma.RunItemWhereInput,
  data: Omit<Prisma.RunItemUncheckedUpdateManyInput, "version" | "updatedAt">,
  now: Date,
) {
  return tx.runItem.updateMany({ where, data: { ...data, version: { increment: 1 }, updatedAt: now } });
}

export type Completion = {
  /** Who the item is ticked for: the person the flow acts for. */
  by: string;
  at: Date;
  elapsedMs: number;
  startedAt?: Date;
  note?: string | null;
};

/** Ticks an item on someone's behalf (a decision, a result, a delivery, an automation, a child run). */
export function markDone(tx: Tx, itemId: string, done: Completion) {
  return writeItems(
    tx,
    { id: itemId },
    {
      state: "done",
      doneById: done.by,
      doneAt: done.at,
      elapsedMs: done.elapsedMs,
      ...(done.startedAt ? { startedAt: done.startedAt } : {}),
      ...(done.note !== undefined ? { note: done.note } : {}),
    },
    done.at,
  );
}

/** Marks the open items `where` selects as not applicable, with the reason as their note. */
export function markSkipped(tx: Tx, where: Prisma.RunItemWhereInput, reason: string, now: Date) {
  return writeItems(tx, { ...where, state: "open" }, { state: "skipped", note: reason }, now);
}

/** The branch that was not taken: its open items stay as evidence, marked "not taken". */
export function markNotTaken(tx: Tx, where: Prisma.RunItemWhereInput, now: Date) {
  return writeItems(tx, { ...where, state: "open" }, { state: "not_taken" }, now);
}

/** Opens items again, forgetting who did them and the flow's note (a revised decision). */
export function reopenItems(tx: Tx, where: Prisma.RunItemWhereInput, now: Date) {
  return writeItems(
    tx,
    where,
    { state: "open", doneById: null, doneAt: null, elapsedMs: null, note: null },
    now,
  );
}

/** What a change may set on an item: its state and who/when, never its identity or text. */
export type ItemData = Partial<{
  state: "open" | "done" | "skipped" | "not_taken";
  doneById: string | null;
  doneAt: Date | null;
  elapsedMs: number | null;
  note: string | null;
  startedAt: Date | null;
  assigneeId: string | null;
  unlockedAt: Date | null;
  unlockedById: string | null;
  unlockReason: string | null;
}>;

// Each settable field: its column and the type its parameter is cast to.
const COLUMNS: { [K in keyof Required<ItemData>]: [column: string, type: string] } = {
  state: ["state", '"ItemState"'],
  doneById: ["done_by_id", "uuid"],
  doneAt: ["done_at", "timestamptz"],
  elapsedMs: ["elapsed_ms", "int"],
  note: ["note", "text"],
  startedAt: ["started_at", "timestamptz"],
  assigneeId: ["assignee_id", "uuid"],
  unlockedAt: ["unlocked_at", "timestamptz"],
  unlockedById: ["unlocked_by_id", "uuid"],
  unlockReason: ["unlock_reason", "text"],
};

function assignment(key: keyof ItemData, value: unknown): Prisma.Sql {
  const [column, type] = COLUMNS[key];
  return Prisma.sql`${Prisma.raw(column)} = ${value}::${Prisma.raw(type)}`;
}

/**
 * The UPDATE of one item at the version the change was decided on; it bumps the version, so
 * a browser holding the old one gets a conflict. Returns the item's id when it matched.
 */
export function itemUpdateSql(itemId: string, version: number, data: ItemData, now: Date): Prisma.Sql {
  const sets = (Object.keys(data) as (keyof ItemData)[]).map((k) => {
    const v = data[k];
    return assignment(k, v instanceof Date ? v.toISOString() : v);
  });
  return Prisma.sql`
    UPDATE run_items SET ${Prisma.join([...sets, Prisma.sql`version = version + 1`, Prisma.sql`updated_at = ${now.toISOString()}::timestamptz`], ", ")}
    WHERE id = ${itemId}::uuid AND version = ${version}
    RETURNING id`;
}

/** The item as the UPDATE leaves it, without reading it back. */
export function withItemData<T extends { version: number; updatedAt: Date }>(
  item: T,
  data: ItemData,
  now: Date,
): T {
  return { ...item, ...data, version: item.version + 1, updatedAt: now };
}
