import { Prisma } from "@/lib/generated/prisma/client";

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
