import "server-only";
import { Prisma, type Run, type RunItem } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { streamFor, type ChainHead } from "@/lib/audit/append-event";
import { versionDefinition } from "@/lib/templates/version-definition";
import { availabilityFactsFrom } from "@/lib/runs/flow/run-availability";
import type { AvailabilityFacts } from "@/lib/runs/flow/availability";
import type { PersonRef } from "@/lib/runs/run-view";

export type ContextItem = RunItem & {
  run: Run;
  assignee: PersonRef | null;
  doneBy: PersonRef | null;
  unlockedBy: PersonRef | null;
};

/** What a change of one item needs to know about its run, read under the run's lock. */
export type ChangeContext = {
  item: ContextItem | null;
  facts: AvailabilityFacts;
  /** When the run's latest tick was made: where a tick's elapsed time starts by default. */
  previousTickAt: Date | null;
  head: ChainHead;
};

type Row = {
  run: Record<string, unknown> | null;
  item: Record<string, unknown> | null;
  sections: { id: string; key: string; title: string; branch: string | null }[];
  items: AvailabilityRow[];
  decision: string | null;
  previous_tick_at: Date | null;
  head: { seq: number; hash: string } | null;
};
type AvailabilityRow = [string, string, string | null, number, string, string, string, unknown, boolean];

const person = (column: Prisma.Sql) => Prisma.sql`(
  SELECT jsonb_build_object('id', u.id, 'name', u.name, 'handle', u.handle) FROM users u WHERE u.id = ${column})`;

/**
 * One statement instead of one per table: the run, the item with the people it names,
 * every item's state for availability, the decision in force, the previous tick and the
 * audit chain's head. It must run after the run's lock is taken, in a statement of its
 * own: a statement sees the database as it was when it began.
 */
export async function loadChangeContext(
  tx: Tx,
  runId: string,
  itemId: string,
): Promise<ChangeContext | null> {
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT
      (SELECT to_jsonb(r) FROM runs r WHERE r.id = ${runId}::uuid) AS run,
      (SELECT to_jsonb(i) || jsonb_build_object(
          'assignee', ${person(Prisma.sql`i.assignee_id`)},
          'done_by', ${person(Prisma.sql`i.done_by_id`)},
          'unlocked_by', ${person(Prisma.sql`i.unlocked_by_id`)})
        FROM run_items i WHERE i.id = ${itemId}::uuid AND i.run_id = ${runId}::uuid) AS item,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'key', s.key, 'title', s.title, 'branch', s.branch)
          ORDER BY s.position), '[]') FROM run_sections s WHERE s.run_id = ${runId}::uuid) AS sections,
      (SELECT coalesce(jsonb_agg(jsonb_build_array(i.id, i.section_id, i.parent_id, i.position, i.kind, i.text,
          i.state, i.spec, i.unlocked_at IS NOT NULL) ORDER BY i.position), '[]')
        FROM run_items i WHERE i.run_id = ${runId}::uuid) AS items,
      (SELECT d.decision FROM run_decisions d WHERE d.run_id = ${runId}::uuid
          AND NOT EXISTS (SELECT 1 FROM run_decisions x WHERE x.supersedes_id = d.id)
        ORDER BY d.decided_at DESC LIMIT 1) AS decision,
      (SELECT max(i.done_at) FROM run_items i WHERE i.run_id = ${runId}::uuid AND i.state = 'done') AS previous_tick_at,
      (SELECT jsonb_build_object('seq', e.seq, 'hash', e.hash) FROM audit_events e
        WHERE e.stream = ${streamFor(runId)} ORDER BY e.seq DESC LIMIT 1) AS head`;
  if (!row?.run) return null;
  const run = runFromJson(row.run);
  const definition = await versionDefinition(tx, run.templateVersionId);
  const facts = availabilityFactsFrom(definition, {
    sections: row.sections,
    items: row.items.map(([id, sectionId, parentId, position, kind, text, state, spec, unlocked]) => ({
      id,
      sectionId,
      parentId,
      position,
      kind,
      text,
      state: state as AvailabilityFacts["items"][number]["state"],
      spec: spec as AvailabilityFacts["items"][number]["spec"],
      unlocked,
    })),
    decision: row.decision,
    result: run.result,
  });
  return {
    item: row.item ? { ...itemFromJson(row.item), run } : null,
    facts,
    previousTickAt: row.previous_tick_at,
    head: row.head ?? { seq: 0, hash: null },
  };
}

// to_jsonb writes columns by their SQL names and times as text; this gives a row the Prisma shape.
function prismaShape<T>(row: Record<string, unknown>, dates: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  for (const key of dates) out[key] = out[key] == null ? null : new Date(out[key] as string);
  return out as T;
}

const runFromJson = (j: Record<string, unknown>) =>
  prismaShape<Run>(j, ["windowStart", "windowEnd", "createdAt", "closedAt"]);

const itemFromJson = (j: Record<string, unknown>) =>
  prismaShape<Omit<ContextItem, "run">>(j, ["doneAt", "startedAt", "updatedAt", "unlockedAt"]);
