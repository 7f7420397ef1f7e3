import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { UUID } from "@/lib/validation/uuid";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, auditInsertSql, chainedEvent } from "@/lib/audit/append-event";
import { requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { inRunWork, openRun } from "@/lib/runs/run-transaction";
import { itemViewInclude, toItemView } from "@/lib/runs/item-view";
import type { PersonRef, RunItemView } from "@/lib/runs/run-view";
import { loadChangeContext, type ContextItem } from "@/lib/runs/flow/change-context";
import { availableIn } from "@/lib/runs/flow/run-availability";
import type { Availability, AvailabilityFacts } from "@/lib/runs/flow/availability";
import { itemUpdateSql, withItemData, type ItemData } from "@/lib/runs/flow/item-writer";

export type ItemRef = {
  actor: Actor | null;
  runId: string;
  itemId: string;
  /** The item version the caller saw; a different current version is a conflict. */
  version: number;
};

export type ItemChange = {
  action: string;
  data: ItemData;
  payload: Record<string, unknown>;
  /** Runs after the item is updated, in the same transaction; its result joins the audit payload. */
  after?: () => Promise<Record<string, unknown>>;
};

export type ChangeDecision = {
  item: ContextItem;
  actor: Actor;
  tx: Tx;
  now: Date;
  /** The run's availability facts as they are under the lock. */
  facts: AvailabilityFacts;
  /** When the run's latest tick was made, if any. */
  previousTickAt: Date | null;
  /** Refuses a locked item, naming what it waits for (lib/runs/flow/run-availability.ts). */
  requireAvailable: () => Availability;
};

/**
 * The one path every change to a run item takes: permission, a stale version refused before
 * any wait, the run's turn and lock, one read of what the change depends on, the decision,
 * then the update, its audit event and its announcement in one statement.
 * `decide` sees the item as it is now and returns the change, or throws.
 */
export async function changeItem(
  ref: ItemRef,
  decide: (ctx: ChangeDecision) => Promise<ItemChange> | ItemChange,
): Promise<RunItemView> {
  const actor = await permittedAndCurrent(ref);
  return inRunWork(ref.runId, async (tx) => {
    const ctx = await loadChangeContext(tx, ref.runId, ref.itemId);
    if (!ctx) throw new NotFoundError("No such run.");
    const item = ctx.item;
    if (!item) throw new NotFoundError("That item is not part of this run.");
    openRun(item.run);
    if (item.version !== ref.version) throw conflict(toItemView(item));
    const now = new Date();
    const change = await decide({
      item,
      actor,
      tx,
      now,
      facts: ctx.facts,
      previousTickAt: ctx.previousTickAt,
      requireAvailable: () => availableIn(ctx.facts, item),
    });
    const event = {
      runId: item.runId,
      actorId: actor.id,
      action: change.action,
      itemId: item.id,
      payload: { path: item.path, version: item.version + 1, ...change.payload },
      at: now,
    };
    const update = itemUpdateSql(item.id, item.version, change.data, now);
    if (!change.after) {
      const view = await itemView(tx, withItemData(item, change.data, now), change.data, actor);
      const row = chainedEvent(event, ctx.head);
      const [written] = await tx.$queryRaw<{ n: number }[]>(
        auditInsertSql(row, { scope: "item", item: view }, update),
      );
      // Under the lock the version cannot have moved since the read; if it did, nothing was written.
      if (!written?.n) throw conflict(view);
      return view;
    }
    await tx.$queryRaw(update);
    // Effects on the rest of the run (a result, a branch) are part of the same change and event.
    const effects = await change.after();
    await appendAuditEvent(tx, { ...event, payload: { ...event.payload, ...effects } });
    const updated = await tx.runItem.findUniqueOrThrow({ where: { id: item.id }, include: itemViewInclude });
    return toItemView(updated);
  });
}

/**
 * A change made from a version that is no longer current can only be a conflict: say so
 * at once, with one indexed read, instead of after waiting for the run's turn and lock.
 * The check under the lock still decides; this only spares the wait.
 */
/**
 * The writer's permission in the run's team and a stale version refused before any wait,
 * from one read on the way of every tick. Only a refusal reads more, to say the same as
 * every other run function: another team's run is as missing as none.
 */
async function permittedAndCurrent(ref: ItemRef): Promise<Actor> {
  if (!ref.actor) throw new UnauthenticatedError();
  const [current] =
    UUID.test(ref.itemId) && UUID.test(ref.runId)
      ? await db().$queryRaw<{ version: number; team_id: string }[]>`
          SELECT i.version, r.team_id FROM run_items i JOIN runs r ON r.id = i.run_id
          WHERE i.id = ${ref.itemId}::uuid AND i.run_id = ${ref.runId}::uuid`
      : [];
  if (!current) {
    await requireRunPermission(ref.actor, ref.runId, "runs.write");
    throw new NotFoundError("That item is not part of this run.");
  }
  const actor = requireTeamPermission(ref.actor, "runs.write", current.team_id, "No such run.");
  if (current.version === ref.version) return actor;
  const now = await db().runItem.findUniqueOrThrow({ where: { id: ref.itemId }, include: itemViewInclude });
  throw conflict(toItemView(now));
}

function conflict(current: RunItemView) {
  const by = current.doneBy?.name;
  return new ConflictError(
    by
      ? `Someone else changed this item first (it is now ticked by ${by}). You are seeing its current state; nothing of yours was saved.`
      : "Someone else changed this item first. You are seeing its current state; nothing of yours was saved.",
    current,
  );
}

/** The item's view after the change; a person the change names is read only if the item did not name them already. */
async function itemView(tx: Tx, item: ContextItem, data: ItemData, actor: Actor): Promise<RunItemView> {
  const known = new Map<string, PersonRef>(
    [item.assignee, item.doneBy, item.unlockedBy, { id: actor.id, name: actor.name, handle: actor.handle }]
      .filter((p) => p !== null)
      .map((p) => [p.id, p]),
  );
  const person = async (id: string | null | undefined) => {
    if (!id) return null;
    const found =
      known.get(id) ??
      (await tx.user.findUnique({ where: { id }, select: { id: true, name: true, handle: true } }));
    if (found) known.set(id, found);
    return found ?? null;
  };
  return toItemView({
    ...item,
    assignee: "assigneeId" in data ? await person(data.assigneeId) : item.assignee,
    doneBy: "doneById" in data ? await person(data.doneById) : item.doneBy,
    unlockedBy: "unlockedById" in data ? await person(data.unlockedById) : item.unlockedBy,
  });
}
