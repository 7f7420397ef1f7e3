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

function assignment(key: keyof ItemData, value: unknown): Prisma.Sql {
  switch (key) {
    case "state":
      return Prisma.sql`state = ${value}::"ItemState"`;
    case "doneById":
      return Prisma.sql`done_by_id = ${value}::uuid`;
    case "doneAt":
      return Prisma.sql`done_at = ${value}::timestamptz`;
    case "elapsedMs":
      return Prisma.sql`elapsed_ms = ${value}::int`;
    case "note":
      return Prisma.sql`note = ${value}::text`;
    case "startedAt":
      return Prisma.sql`started_at = ${value}::timestamptz`;
    case "assigneeId":
      return Prisma.sql`assignee_id = ${value}::uuid`;
    case "unlockedAt":
      return Prisma.sql`unlocked_at = ${value}::timestamptz`;
    case "unlockedById":
      return Prisma.sql`unlocked_by_id = ${value}::uuid`;
    case "unlockReason":
      return Prisma.sql`unlock_reason = ${value}::text`;
  }
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
