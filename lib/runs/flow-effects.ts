import "server-only";
import type { Tx } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { versionDefinition } from "@/lib/templates/version-definition";
import { flowFields, type Result } from "@/lib/runs/flow-fields";
import type { ItemSpec } from "@/lib/runs/run-view";
import { markDone, markNotTaken, markSkipped, reopenItems, writeItems } from "@/lib/runs/flow/item-writer";

/**
 * Changes to the rest of a run that follow from one action (a decision, a failed test,
 * a recorded result). Each runs inside the caller's run transaction and returns what it
 * did, for the caller's audit event.
 */

export function runDefinition(tx: Tx, run: Pick<Run, "templateVersionId">) {
  return versionDefinition(tx, run.templateVersionId);
}

/** Opens the taken branch and marks the other branch's open items "not taken" (kept as evidence). */
export async function takeBranch(tx: Tx, run: Run, taken: "go" | "no_go", now: Date) {
  const sections = await tx.runSection.findMany({ where: { runId: run.id, branch: { not: null } } });
  const takenIds = sections.filter((s) => s.branch === taken).map((s) => s.id);
  const otherIds = sections.filter((s) => s.branch !== taken).map((s) => s.id);
  const notTaken = await markNotTaken(tx, { runId: run.id, sectionId: { in: otherIds } }, now);
  const reopened = await writeItems(
    tx,
    { runId: run.id, sectionId: { in: takenIds }, state: "not_taken" },
    { state: "open" },
    now,
  );
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
  run.result = result;
  const notApplicable = result
    ? [
        ...(await skipOtherResults(tx, run, result, ctx.now)),
        ...(await skipNeedlessBackoff(tx, run, result, ctx.now)),
      ]
    : [];
  const skippedForResult = notApplicable.length ? { itemsNotApplicable: notApplicable } : {};
  if (!field || !result) return { result, ...skippedForResult };
  const ticked: string[] = [];
  const skipped: string[] = [];
  for (const item of await recordItemsOf(tx, run, field.key)) {
    if (item.id === ctx.exceptItemId || item.state !== "open") continue;
    const value = (item.spec as ItemSpec).recordValue;
    if (value === result) {
      await markDone(tx, item.id, { by: ctx.actorId, at: ctx.now, elapsedMs: 0, note: ctx.reason });
      ticked.push(item.path);
    } else if (value) {
      await markSkipped(tx, { id: item.id }, `Not applicable: the result is ${result}.`, ctx.now);
      skipped.push(item.path);
    }
  }
  return { result, recordItemsTicked: ticked, recordItemsSkipped: skipped, ...skippedForResult };
}

/**
 * A back-off undoes a DNS switch. When the result is set and no switch ever succeeded (a NO
 * GO before the cutover, a failure before DNS moved), there is nothing to undo: the step is
 * skipped with that reason instead of holding up the phases after it.
 */
async function skipNeedlessBackoff(tx: Tx, run: Run, result: Result, now: Date): Promise<string[]> {
  if (result === "SUCCEEDED") return [];
  const switched = await tx.automationExecution.count({
    where: { runId: run.id, kind: "route53_switch", dryRun: false, status: "succeeded" },
  });
  if (switched > 0) return [];
  const backoffs = await tx.runItem.findMany({ where: { runId: run.id, kind: "automation", state: "open" } });
  const skipped: string[] = [];
  for (const item of backoffs.filter((i) => (i.spec as ItemSpec).automation === "backoff")) {
    await markSkipped(
      tx,
      { id: item.id },
      `${RESULT_NOTE}${result}, and DNS was never switched, so there is nothing to back off.`,
      now,
    );
    skipped.push(item.path);
  }
  return skipped;
}

/** The note on items a result made not applicable; a revised decision reopens exactly these. */
const RESULT_NOTE = "Not applicable: the result is ";

/**
 * Items that belong to another result ("If Changeset promotion was successful …" on a FAILED
 * run) are skipped with the reason, and so is everything under them.
 */
async function skipOtherResults(tx: Tx, run: Run, result: Result, now: Date): Promise<string[]> {
  const matches = (when: string | undefined) =>
    when === "succeeded" ? result === "SUCCEEDED" : when === "failed" ? result !== "SUCCEEDED" : true;
  const items = await tx.runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
  const ids = new Set<string>();
  for (const item of items) {
    const when = (item.spec as ItemSpec).when;
    if ((when && !matches(when)) || (item.parentId && ids.has(item.parentId))) ids.add(item.id);
  }
  const open = items.filter((i) => ids.has(i.id) && i.state === "open");
  if (!open.length) return [];
  await markSkipped(tx, { id: { in: open.map((i) => i.id) } }, `${RESULT_NOTE}${result}.`, now);
  return open.map((i) => i.path);
}

/** Fields recorded during the run (the window, a container version, a child's number). */
export async function setRunField(tx: Tx, run: Run, key: string, value: string) {
  const fields = { ...(run.fields as Record<string, string>), [key]: value };
  await tx.run.update({ where: { id: run.id }, data: { fields } });
  run.fields = fields;
}

/** Reopens the record items of the result field that the flow ticked or skipped. */
export async function resetResultRecords(tx: Tx, run: Run, now: Date) {
  await writeItems(
    tx,
    { runId: run.id, state: "skipped", note: { startsWith: RESULT_NOTE } },
    { state: "open", note: null },
    now,
  );
  const field = flowFields((await runDefinition(tx, run)).fields).result;
  if (!field) return;
  const items = (await recordItemsOf(tx, run, field.key)).filter(
    (i) => i.state === "done" || i.state === "skipped",
  );
  if (!items.length) return;
  await reopenItems(tx, { id: { in: items.map((i) => i.id) } }, now);
}
