import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { itemViewInclude, toItemView } from "@/lib/runs/item-view";
import type { RunItemView } from "@/lib/runs/run-view";

export type ItemRef = {
  actor: Actor | null;
  runId: string;
  itemId: string;
  /** The item version the caller saw; a different current version is a conflict. */
  version: number;
};

type LoadedItem = Prisma.RunItemGetPayload<{ include: { run: true } }>;

export type ItemChange = {
  action: string;
  data: Prisma.RunItemUncheckedUpdateManyInput;
  payload: Record<string, unknown>;
};

/**
 * The one path every change to a run item takes: permission, a per-run lock, the
 * optimistic version check, the update and its audit event in one transaction.
 * `decide` sees the item as it is now and returns the change, or throws.
 */
export async function changeItem(
  ref: ItemRef,
  decide: (ctx: { item: LoadedItem; tx: Tx; now: Date }) => Promise<ItemChange> | ItemChange,
): Promise<RunItemView> {
  const actor = requirePermission(ref.actor, "runs.write");
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(ref.runId));
    const item = await tx.runItem.findUnique({ where: { id: ref.itemId }, include: { run: true } });
    if (!item || item.runId !== ref.runId) throw new NotFoundError("That item is not part of this run.");
    if (item.run.status !== "open")
      throw new DomainError(`Run #${item.run.number} is closed; it can no longer change.`);
    if (item.version !== ref.version) {
      const current = await tx.runItem.findUniqueOrThrow({
        where: { id: item.id },
        include: itemViewInclude,
      });
      throw new ConflictError(conflictMessage(current.doneBy?.name), toItemView(current));
    }
    // Timestamps are this server's clock, never the browser's.
    const now = new Date();
    const change = await decide({ item, tx, now });
    await tx.runItem.updateMany({
      where: { id: item.id, version: item.version },
      data: { ...change.data, version: { increment: 1 }, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      runId: item.runId,
      actorId: actor.id,
      action: change.action,
      itemId: item.id,
      payload: { path: item.path, version: item.version + 1, ...change.payload },
      at: now,
    });
    const updated = await tx.runItem.findUniqueOrThrow({ where: { id: item.id }, include: itemViewInclude });
    return toItemView(updated);
  });
}

function conflictMessage(doneByName: string | undefined) {
  return doneByName
    ? `Someone else changed this item first (it is now ticked by ${doneByName}). You are seeing its current state; nothing of yours was saved.`
    : "Someone else changed this item first. You are seeing its current state; nothing of yours was saved.";
}
