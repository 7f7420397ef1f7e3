import "server-only";
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { DomainError, ValidationError } from "@/lib/errors";
import type { Run, RunItem } from "@/lib/generated/prisma/client";
import { markDone, writeItems } from "@/lib/runs/flow/item-writer";
import { elapsedOf } from "@/lib/runs/elapsed";
import {
  resetResultRecords,
  runDefinition,
  setResult,
  setRunField,
  takeBranch,
} from "@/lib/runs/flow-effects";
import { branchOf, flowFields, type Decision } from "@/lib/runs/flow-fields";
import { planToSign } from "@/lib/runs/flow/sign-plan";

/** Checklists that must be complete before deciding (the Blue-side tests) come before the decision. */
export async function refuseUnfinishedLinks(tx: Tx, run: Run, item: RunItem) {
  const pending = await tx.runItem.findMany({
    // Skipping the Blue-side tests does not count as completing them.
    where: { runId: run.id, kind: "link", position: { lt: item.position }, state: { not: "done" } },
    orderBy: { position: "asc" },
  });
  if (!pending.length) return;
  const children = await tx.run.findMany({ where: { parentItemId: { in: pending.map((p) => p.id) } } });
  const open = children.find((c) => c.status === "open");
  throw new DomainError(
    open
      ? `The decision waits for child run #${open.number} (${open.title}) to be completed.`
      : `The decision waits for the checklist of item ${pending[0]!.path}: create and complete it first.`,
  );
}

/**
 * Records (or revises) a decision inside the caller's run transaction: the decision row, the
 * item ticked, the branch taken, the result, and one audit event. A GO signs the plan of the
 * remaining steps and announcements (its SHA-256 goes into the event and the row).
 */
export async function recordDecision(
  tx: Tx,
  input: {
    run: Run;
    item: RunItem;
    actorId: string;
    decision: Decision;
    rationale: string;
    now: Date;
    /** More for the audit event (the approvals that made the decision). */
    payload?: Record<string, unknown>;
  },
) {
  const { run, item, actorId, rationale, now } = input;
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
  const plan = input.decision === "GO" ? await planToSign(tx, run) : null;
  const decision = await tx.runDecision.create({
    data: {
      runId: run.id,
      itemId: item.id,
      decision: input.decision,
      rationale,
      decidedById: actorId,
      decidedAt: now,
      supersedesId: previous?.id ?? null,
      planSha256: plan?.sha256 ?? null,
      plan: plan ? (plan as object) : undefined,
    },
  });

  if (item.state !== "done") {
    const last = await tx.runItem.findFirst({
      where: { runId: run.id, state: "done" },
      orderBy: { doneAt: "desc" },
    });
    const { elapsedMs } = elapsedOf(item, last?.doneAt ?? null, run.createdAt, now);
    await markDone(tx, item.id, { by: actorId, at: now, elapsedMs });
  } else {
    await writeItems(tx, { id: item.id }, {}, now);
  }
  // A revision starts the result's record items afresh; the new decision sets them again.
  if (previous) await resetResultRecords(tx, run, now);
  const decisionField = flowFields((await runDefinition(tx, run)).fields).decision;
  if (decisionField) await setRunField(tx, run, decisionField.key, input.decision);
  const branch = await takeBranch(tx, run, branchOf(input.decision), now);
  const result = await setResult(tx, run, input.decision === "NO GO" ? "NO GO" : null, {
    actorId,
    now,
    reason: "Recorded by the NO GO decision.",
  });
  await appendAuditEvent(tx, {
    runId: run.id,
    actorId,
    action: previous ? "decision.revised" : "decision.recorded",
    itemId: item.id,
    payload: {
      decisionId: decision.id,
      decision: input.decision,
      rationale,
      supersedes: previous
        ? { id: previous.id, decision: previous.decision, rationale: previous.rationale }
        : null,
      ...(plan ? { signedPlan: plan } : {}),
      ...input.payload,
      ...branch,
      ...result,
    },
    at: now,
  });
  return { id: decision.id, decision: input.decision, decidedAt: now.toISOString() };
}
