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

// to_jsonb writes columns by their SQL names and times as text; these give them the Prisma shape.
const date = (v: unknown) => (v == null ? null : new Date(v as string));

function runFromJson(j: Record<string, unknown>): Run {
  return {
    id: j.id as string,
    number: j.number as number,
    title: j.title as string,
    templateVersionId: j.template_version_id as string,
    fields: j.fields as Run["fields"],
    status: j.status as Run["status"],
    result: j.result as string | null,
    windowStart: date(j.window_start),
    windowEnd: date(j.window_end),
    windowTimeZone: j.window_time_zone as string,
    parentRunId: j.parent_run_id as string | null,
    parentItemId: j.parent_item_id as string | null,
    createdById: j.created_by_id as string,
    createdAt: date(j.created_at)!,
    closedAt: date(j.closed_at),
  };
}

function itemFromJson(j: Record<string, unknown>): Omit<ContextItem, "run"> {
  return {
    id: j.id as string,
    runId: j.run_id as string,
    sectionId: j.section_id as string,
    parentId: j.parent_id as string | null,
    position: j.position as number,
    path: j.path as string,
    depth: j.depth as number,
    kind: j.kind as string,
    text: j.text as string,
    spec: j.spec as RunItem["spec"],
    state: j.state as RunItem["state"],
    assigneeId: j.assignee_id as string | null,
    doneById: j.done_by_id as string | null,
    doneAt: date(j.done_at),
    startedAt: date(j.started_at),
    elapsedMs: j.elapsed_ms as number | null,
    note: j.note as string | null,
    version: j.version as number,
    updatedAt: date(j.updated_at)!,
    unlockedAt: date(j.unlocked_at),
    unlockedById: j.unlocked_by_id as string | null,
    unlockReason: j.unlock_reason as string | null,
    assignee: j.assignee as PersonRef | null,
    doneBy: j.done_by as PersonRef | null,
    unlockedBy: j.unlocked_by as PersonRef | null,
  };
}
