import "server-only";
import type { Tx } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { definitionSchema } from "@/lib/templates/definition";
import { flowFields, type Result } from "@/lib/runs/flow-fields";
import type { ItemSpec } from "@/lib/runs/run-view";

/**
 * Changes to the rest of a run that follow from one action (a decision, a failed test,
 * a recorded result). Each runs inside the caller's run transaction and returns what it
 * did, for the caller's audit event.
 */

export async function runDefinition(tx: Tx, run: Run) {
  const version = await tx.templateVersion.findUniqueOrThrow({ where: { id: run.templateVersionId } });
  return definitionSchema.parse(version.definition);
}

/** Opens the taken branch and marks the other branch's open items "not taken" (kept as evidence). */
export async function takeBranch(tx: Tx, run: Run, taken: "go" | "no_go", now: Date) {
  const sections = await tx.runSection.findMany({ where: { runId: run.id, branch: { not: null } } });
  const takenIds = sections.filter((s) => s.branch === taken).map((s) => s.id);
  const otherIds = sections.filter((s) => s.branch !== taken).map((s) => s.id);
  const notTaken = await tx.runItem.updateMany({
    where: { runId: run.id, sectionId: { in: otherIds }, state: "open" },
    data: { state: "not_taken", version: { increment: 1 }, updatedAt: now },
  });
  const reopened = await tx.runItem.updateMany({
    where: { runId: run.id, sectionId: { in: takenIds }, state: "not_taken" },
    data: { state: "open", version: { increment: 1 }, updatedAt: now },
  });
  return { branchTaken: taken, itemsNotTaken: notTaken.count, itemsReopened: reopened.count };
}

/** Items whose spec records a value into a field. */
async function recordItemsOf(tx: Tx, run: Run, fieldKey: string) {
  const items = await tx.runItem.findMany({ where: { runId: run.id, kind: "record" } });
  return items.filter((i) => (i.spec as ItemSpec).recordField === fieldKey);
}

/**
 * Sets the run's result (and the result field the header shows). The record item that
 * records this value is ticked by the flow; record items for other values are skipped,
 * so the checklist reads as what happened.
 */
export async function setResult(
  tx: Tx,
  run: Run,
  result: Result | null,
  ctx: { actorId: string; now: Date; reason: string; exceptItemId?: string },
) {
  const def = await runDefinition(tx, run);
  const field = flowFields(def.fields).result;
  const fields = { ...(run.fields as Record<string, string>) };
  if (field) {
    if (result) fields[field.key] = result;
    else delete fields[field.key];
  }
  await tx.run.update({ where: { id: run.id }, data: { result, fields } });
  if (!field || !result) return { result };
  const ticked: string[] = [];
  const skipped: string[] = [];
  for (const item of await recordItemsOf(tx, run, field.key)) {
    if (item.id === ctx.exceptItemId || item.state !== "open") continue;
    const value = (item.spec as ItemSpec).recordValue;
    if (value === result) {
      await tx.runItem.update({
        where: { id: item.id },
        data: {
          state: "done",
          doneById: ctx.actorId,
          doneAt: ctx.now,
          elapsedMs: 0,
          note: ctx.reason,
          version: { increment: 1 },
          updatedAt: ctx.now,
        },
      });
      ticked.push(item.path);
    } else if (value) {
      await tx.runItem.update({
        where: { id: item.id },
        data: {
          state: "skipped",
          note: `Not applicable: the result is ${result}.`,
          version: { increment: 1 },
          updatedAt: ctx.now,
        },
      });
      skipped.push(item.path);
    }
  }
  return { result, recordItemsTicked: ticked, recordItemsSkipped: skipped };
}

/** Fields recorded during the run (the window, a container version, a child's number). */
export async function setRunField(tx: Tx, run: Run, key: string, value: string) {
  const fields = { ...(run.fields as Record<string, string>), [key]: value };
  await tx.run.update({ where: { id: run.id }, data: { fields } });
  run.fields = fields;
}

/** Reopens the record items of the result field that the flow ticked or skipped. */
export async function resetResultRecords(tx: Tx, run: Run, now: Date) {
  const field = flowFields((await runDefinition(tx, run)).fields).result;
  if (!field) return;
  const items = (await recordItemsOf(tx, run, field.key)).filter(
    (i) => i.state === "done" || i.state === "skipped",
  );
  if (!items.length) return;
  await tx.runItem.updateMany({
    where: { id: { in: items.map((i) => i.id) } },
    data: {
      state: "open",
      doneById: null,
      doneAt: null,
      elapsedMs: null,
      note: null,
      version: { increment: 1 },
      updatedAt: now,
    },
  });
}
