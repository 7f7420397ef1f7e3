import "server-only";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
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
  /** Runs after the item is updated, in the same transaction; its result joins the audit payload. */
  after?: () => Promise<Record<string, unknown>>;
};

/**
 * The one path every change to a run item takes: permission, a per-run lock, the
 * optimistic version check, the update and its audit event in one transaction.
 * `decide` sees the item as it is now and returns the change, or throws.
 */
export async function changeItem(
  ref: ItemRef,
  decide: (ctx: { item: LoadedItem; actor: Actor; tx: Tx; now: Date }) => Promise<ItemChange> | ItemChange,
): Promise<RunItemView> {
  const actor = requirePermission(ref.actor, "runs.write");
  return inRunTransaction(ref.runId, async ({ tx, run, now }) => {
    const found = await tx.runItem.findUnique({ where: { id: ref.itemId } });
    if (!found || found.runId !== ref.runId) throw new NotFoundError("That item is not part of this run.");
    const item = { ...found, run };
    if (item.version !== ref.version) {
      const current = await tx.runItem.findUniqueOrThrow({
        where: { id: item.id },
        include: itemViewInclude,
      });
      throw new ConflictError(conflictMessage(current.doneBy?.name), toItemView(current));
    }
    const change = await decide({ item, actor, tx, now });
    await tx.runItem.updateMany({
      where: { id: item.id, version: item.version },
      data: { ...change.data, version: { increment: 1 }, updatedAt: now },
    });
    // Effects on the rest of the run (a result, a branch) are part of the same change and event.
    const effects = change.after ? await change.after() : {};
    await appendAuditEvent(tx, {
      runId: item.runId,
      actorId: actor.id,
      action: change.action,
      itemId: item.id,
      payload: { path: item.path, version: item.version + 1, ...change.payload, ...effects },
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

/**
 * The flow's own changes to several items at once (a branch not taken, a result that makes
 * items not applicable), inside the caller's run transaction and audited by its event.
 * Every such change bumps the items' versions, so a browser holding an older one conflicts.
 */
export function setItemsState(
  tx: Tx,
  where: Prisma.RunItemWhereInput,
  data: Prisma.RunItemUncheckedUpdateManyInput,
  now: Date,
) {
  return tx.runItem.updateMany({ where, data: { ...data, version: { increment: 1 }, updatedAt: now } });
}
