import "server-only";
import { actorOfUser } from "@/lib/teams/actor-of-user";
import { db, type Tx } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError } from "@/lib/errors";
import type { AutomationExecution, RunItem } from "@/lib/generated/prisma/client";
import { changeItem } from "@/lib/runs/change-item";
import { tickItem } from "@/lib/runs/tick-item";
import type { ItemSpec } from "@/lib/runs/run-view";
import { StepFailure, type Evidence } from "@/lib/aws/steps/step";
import { markDone } from "@/lib/runs/flow/item-writer";

type Execution = AutomationExecution & { startedAt: Date };

/** The execution is no longer this instance's to close. */
class LeaseLost extends Error {}

/** A tick may meet someone's edit of the same item; it is retried against the item as it is then. */
const TICK_ATTEMPTS = 3;

async function requester(ex: Execution): Promise<Actor | null> {
  return actorOfUser({ id: ex.requestedById });
}

/** The stopwatch ("Monitor for completion") that times this step: after its own sub-items, before the next step. */
async function stopwatchAfter(tx: Tx, item: RunItem) {
  const following = await tx.runItem.findMany({
    where: { runId: item.runId, sectionId: item.sectionId, position: { gt: item.position } },
    orderBy: { position: "asc" },
  });
  for (const next of following) {
    if (next.kind === "stopwatch") return next;
    if (next.depth <= item.depth) return null;
  }
  return null;
}

function finish(
  tx: Tx,
  ex: Execution,
  status: "succeeded" | "failed",
  evidence: Evidence,
  error: string | null,
) {
  const now = new Date();
  return tx.automationExecution.updateMany({
    // Only the instance holding the lease closes the execution: a stale driver changes nothing.
    where: { id: ex.id, status: "running", ...(ex.leaseOwner ? { leaseOwner: ex.leaseOwner } : {}) },
    data: { status, evidence: evidence as object, error, finishedAt: now, updatedAt: now },
  });
}

/**
 * Ticks the item (and its stopwatch, timed from the submit to the provider's "done") with
 * the evidence, and closes the execution, in one transaction with the tick's audit event.
 */
async function tickWithEvidence(
  ex: Execution,
  evidence: Evidence,
  status: "succeeded" | "failed",
  error: string | null,
) {
  const actor = await requester(ex);
  for (let attempt = 1; attempt <= TICK_ATTEMPTS; attempt++) {
    const item = await db().runItem.findUniqueOrThrow({ where: { id: ex.itemId } });
    if (item.state !== "open" || !actor) return false;
    try {
      await changeItem(
        { actor, runId: ex.runId, itemId: ex.itemId, version: item.version },
        ({ item, actor, tx, now }) => {
          const elapsedMs = Math.max(0, now.getTime() - ex.startedAt.getTime());
          return {
            action: "item.ticked",
            data: {
              state: "done",
              doneById: actor.id,
              doneAt: now,
              startedAt: item.startedAt ?? ex.startedAt,
              elapsedMs,
            },
            payload: {
              elapsedMs,
              elapsedFrom: ex.startedAt.toISOString(),
              automation: ex.kind,
              executionId: ex.id,
              status,
              error,
              evidence,
            },
            after: async () => {
              // Another instance took the execution over (or closed it): this tick is rolled back.
              if (!(await finish(tx, ex, status, evidence, error)).count) throw new LeaseLost();
              const watch = await stopwatchAfter(tx, item);
              if (!watch || watch.state !== "open" || !evidence.submittedAt) return {};
              const from = new Date(String(evidence.submittedAt));
              const to = evidence.completedAt ? new Date(String(evidence.completedAt)) : now;
              const watchElapsed = Math.max(0, to.getTime() - from.getTime());
              await markDone(tx, watch.id, {
                by: actor.id,
                at: now,
                startedAt: from,
                elapsedMs: watchElapsed,
              });
              return {
                stopwatchTicked: watch.path,
                stopwatchElapsedMs: watchElapsed,
                stopwatchFrom: from.toISOString(),
              };
            },
          };
        },
      );
      return true;
    } catch (err) {
      if (err instanceof LeaseLost) return true;
      if (!(err instanceof ConflictError) || attempt === TICK_ATTEMPTS) throw err;
    }
  }
  return false;
}

/** Closes the execution without a tick (the item was ticked by hand, the run closed): still audited. */
async function closeExecution(
  ex: Execution,
  status: "succeeded" | "failed",
  evidence: Evidence,
  error: string | null,
) {
  await db().$transaction(async (tx) => {
    const changed = await finish(tx, ex, status, evidence, error);
    if (!changed.count) return;
    await appendAuditEvent(tx, {
      runId: ex.runId,
      actorId: ex.requestedById,
      action: status === "succeeded" ? "automation.succeeded" : "automation.failed",
      itemId: ex.itemId,
      payload: { automation: ex.kind, executionId: ex.id, error, evidence },
      at: new Date(),
    });
  });
}

export async function recordSuccess(ex: Execution, evidence: Evidence) {
  const ticked = await tickWithEvidence(ex, evidence, "succeeded", null).catch((err: unknown) => {
    console.error(`automation ${ex.id} succeeded but its item could not be ticked`, err);
    return false;
  });
  if (!ticked) await closeExecution(ex, "succeeded", evidence, null);
}

/**
 * A failure keeps its error for the Retry. Failed post-cutover tests are the run's own
 * failure path: the item is ticked with the evidence and "If tests failed …" is ticked,
 * which fails the run.
 */
export async function recordFailure(ex: Execution, err: unknown, lastEvidence: Evidence) {
  const evidence = err instanceof StepFailure ? err.evidence : lastEvidence;
  const message = errorText(err);
  if (err instanceof StepFailure && err.testsFailed) {
    const ticked = await tickWithEvidence(ex, evidence, "failed", message).catch(() => false);
    if (!ticked) await closeExecution(ex, "failed", evidence, message);
    await tickFailurePath(ex).catch((e: unknown) => console.error(`automation ${ex.id}: failure path`, e));
    return;
  }
  await closeExecution(ex, "failed", evidence, message);
}

async function tickFailurePath(ex: Execution) {
  const actor = await requester(ex);
  const item = await db().runItem.findUniqueOrThrow({ where: { id: ex.itemId } });
  const candidates = await db().runItem.findMany({
    where: { runId: ex.runId, sectionId: item.sectionId, state: "open", position: { gt: item.position } },
    orderBy: { position: "asc" },
  });
  const goTo = candidates.find((c) => (c.spec as ItemSpec).goTo);
  if (!goTo || !actor) return;
  await tickItem({ actor, runId: ex.runId, itemId: goTo.id, version: goTo.version, done: true });
}

function errorText(err: unknown): string {
  if (err instanceof StepFailure) return err.message;
  const e = err as { name?: string; message?: string };
  const text = e?.message ? `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}` : String(err);
  return text.slice(0, 2000);
}
