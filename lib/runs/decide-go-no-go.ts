import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import {
  resetResultRecords,
  runDefinition,
  setResult,
  setRunField,
  takeBranch,
} from "@/lib/runs/flow-effects";
import { branchOf, flowFields, type Decision } from "@/lib/runs/flow-fields";
import { elapsedStart } from "@/lib/runs/elapsed";
import { requireAvailable } from "@/lib/runs/flow/run-availability";

export const RATIONALE_MAX = 2000;

/**
 * Records (or revises) the Go/No-Go decision: who, when, and why. The branch not taken
 * stays in the run, marked "not taken"; a NO GO sets the result. A revision needs a new
 * rationale and supersedes the previous decision, which stays on record.
 */
export async function decideGoNoGo(input: {
  actor: Actor | null;
  runId: string;
  itemId: string;
  decision: Decision;
  rationale: string;
}) {
  const actor = requirePermission(input.actor, "runs.decide");
  const rationale = input.rationale.trim();
  if (!rationale) throw new ValidationError("A decision needs its rationale.", { rationale: ["Required"] });
  if (rationale.length > RATIONALE_MAX)
    throw new ValidationError("The rationale is too long.", { rationale: ["Too long"] });

  return inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const item = await tx.runItem.findUnique({ where: { id: input.itemId } });
    if (!item || item.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
    if (item.kind !== "decision") throw new DomainError("This item is not a decision.");
    await requireAvailable(tx, run, item);

    // Checklists that must be complete before deciding (the Blue-side tests) come before it.
    const pending = await tx.runItem.findMany({
      // Skipping the Blue-side tests does not count as completing them.
      where: { runId: run.id, kind: "link", position: { lt: item.position }, state: { not: "done" } },
      orderBy: { position: "asc" },
    });
    if (pending.length) {
      const children = await tx.run.findMany({ where: { parentItemId: { in: pending.map((p) => p.id) } } });
      const open = children.find((c) => c.status === "open");
      throw new DomainError(
        open
          ? `The decision waits for child run #${open.number} (${open.title}) to be completed.`
          : `The decision waits for the checklist of item ${pending[0]!.path}: create and complete it first.`,
      );
    }

    const previous = await tx.runDecision.findFirst({
      where: { runId: run.id, revisedBy: null },
      orderBy: { decidedAt: "desc" },
    });
    if (previous) {
      if (previous.rationale.trim() === rationale) {
        throw new ValidationError("A revision needs a new rationale.", {
          rationale: ["Same as the previous decision"],
        });
      }
      if (run.result === "FAILED" || run.result === "SUCCEEDED") {
        throw new DomainError(
          `The change already ${run.result === "FAILED" ? "failed" : "succeeded"}; the decision can no longer be revised.`,
        );
      }
    }
    const decision = await tx.runDecision.create({
      data: {
        runId: run.id,
        itemId: item.id,
        decision: input.decision,
        rationale,
        decidedById: actor.id,
        decidedAt: now,
        supersedesId: previous?.id ?? null,
      },
    });

    if (item.state !== "done") {
      const last = await tx.runItem.findFirst({
        where: { runId: run.id, state: "done" },
        orderBy: { doneAt: "desc" },
      });
      const start = elapsedStart(item, last?.doneAt ?? null, run.createdAt);
      await tx.runItem.update({
        where: { id: item.id },
        data: {
          state: "done",
          doneById: actor.id,
          doneAt: now,
          elapsedMs: Math.max(0, now.getTime() - start.getTime()),
          version: { increment: 1 },
          updatedAt: now,
        },
      });
    } else {
      await tx.runItem.update({
        where: { id: item.id },
        data: { version: { increment: 1 }, updatedAt: now },
      });
    }
    // A revision starts the result's record items afresh; the new decision sets them again.
    if (previous) await resetResultRecords(tx, run, now);
    const decisionField = flowFields((await runDefinition(tx, run)).fields).decision;
    if (decisionField) await setRunField(tx, run, decisionField.key, input.decision);
    const branch = await takeBranch(tx, run, branchOf(input.decision), now);
    const result = await setResult(tx, run, input.decision === "NO GO" ? "NO GO" : null, {
      actorId: actor.id,
      now,
      reason: "Recorded by the NO GO decision.",
    });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: previous ? "decision.revised" : "decision.recorded",
      itemId: item.id,
      payload: {
        decisionId: decision.id,
        decision: input.decision,
        rationale,
        supersedes: previous
          ? { id: previous.id, decision: previous.decision, rationale: previous.rationale }
          : null,
        ...branch,
        ...result,
      },
      at: now,
    });
    return { id: decision.id, decision: input.decision, decidedAt: now.toISOString() };
  });
}
