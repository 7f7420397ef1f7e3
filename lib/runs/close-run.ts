import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import type { Tx } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { runDefinition } from "@/lib/runs/flow-effects";
import { flowFields } from "@/lib/runs/flow-fields";
import { walkItems } from "@/lib/templates/definition";
import { markDone } from "@/lib/runs/flow/item-writer";

/** Why a run cannot close yet, listed rather than ignored. */
export class CloseRefusedError extends DomainError {
  override readonly code = "close_refused";
  constructor(readonly reasons: string[]) {
    super(`The run cannot be closed yet: ${reasons.join(" ")}`);
  }
}

/**
 * Closes a run when it is finished: no open items (skip what does not apply, with a
 * reason), no open child runs, a result when the template has one, and after a failure
 * or NO GO, a completed post-mortem (every checklist linked after the decision done).
 * A child run's closing ticks its parent's link item, "by child run #N".
 */
export async function closeRun(input: { actor: Actor | null; runId: string }) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.write");
  return inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const reasons: string[] = [];
    const open = await tx.runItem.findMany({
      where: { runId: run.id, state: "open" },
      orderBy: { position: "asc" },
    });
    if (open.length) {
      const sample = open.slice(0, 8).map((i) => `${i.path} “${i.text.slice(0, 60)}”`);
      reasons.push(`${open.length} item(s) still open: ${sample.join("; ")}${open.length > 8 ? "; …" : ""}.`);
    }
    const openChildren = await tx.run.findMany({ where: { parentRunId: run.id, status: "open" } });
    if (openChildren.length)
      reasons.push(`Child run(s) still open: ${openChildren.map((c) => `#${c.number}`).join(", ")}.`);
    const def = await runDefinition(tx, run);
    // A result is required only where the checklist itself records one (not in a post-mortem).
    const resultKey = flowFields(def.fields).result?.key;
    const recordsResult = resultKey && [...walkItems(def)].some(({ item }) => item.recordField === resultKey);
    if (recordsResult && !run.result) reasons.push("The result is not recorded yet.");
    if (run.result === "FAILED" || run.result === "NO GO") {
      const decision = await tx.runItem.findFirst({ where: { runId: run.id, kind: "decision" } });
      const links = await tx.runItem.findMany({
        where: { runId: run.id, kind: "link", position: { gt: decision?.position ?? -1 } },
      });
      if (links.length === 0 || links.some((l) => l.state !== "done")) {
        reasons.push(`After a ${run.result} result the post-mortem must be completed first.`);
      }
    }
    if (reasons.length) throw new CloseRefusedError(reasons);

    await tx.run.update({ where: { id: run.id }, data: { status: "closed", closedAt: now } });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.closed",
      payload: { result: run.result, fields: run.fields },
      at: now,
    });
    if (run.parentRunId && run.parentItemId) await tickParentLink(tx, run, actor.id);
    return { number: run.number, closedAt: now.toISOString() };
  });
}

async function tickParentLink(
  tx: Tx,
  child: { id: string; number: number; parentRunId: string | null; parentItemId: string | null },
  actorId: string,
) {
  await lockStream(tx, streamFor(child.parentRunId));
  const now = new Date();
  const item = await tx.runItem.findUnique({ where: { id: child.parentItemId! }, include: { run: true } });
  if (!item || item.state !== "open" || item.run.status !== "open") return;
  const elapsedMs = item.startedAt ? now.getTime() - item.startedAt.getTime() : 0;
  const note = `Completed by child run #${child.number}.`;
  await markDone(tx, item.id, { by: actorId, at: now, elapsedMs, note });
  await appendAuditEvent(tx, {
    runId: item.runId,
    actorId,
    action: "item.ticked",
    itemId: item.id,
    payload: { path: item.path, byChildRun: child.number, childRunId: child.id, elapsedMs },
    at: now,
  });
}
