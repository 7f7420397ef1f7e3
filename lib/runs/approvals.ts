import "server-only";
import type { Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Run } from "@/lib/generated/prisma/client";
import type { ItemSpec } from "@/lib/runs/run-view";

/** The decision item of a run, checked, with its quorum and current round of votes. */
export async function approvalRound(tx: Tx, run: Run, itemId: string) {
  const item = await tx.runItem.findUnique({ where: { id: itemId } });
  if (!item || item.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
  if (item.kind !== "decision") throw new DomainError("This item is not a decision.");
  // Each recorded decision closes a round; approving a revision starts from no votes.
  const round = await tx.runDecision.count({ where: { runId: run.id, itemId: item.id } });
  const votes = await tx.runApproval.findMany({
    where: { itemId: item.id, round },
    orderBy: { createdAt: "asc" },
    include: { user: { select: { id: true, name: true, handle: true } } },
  });
  const quorum = (item.spec as ItemSpec).approvals ?? 1;
  return { item, round, votes, quorum };
}

/** The people named to approve this run's decision (empty: anyone with runs.decide). */
export async function namedApprovers(tx: Tx, runId: string) {
  const rows = await tx.runApprover.findMany({
    where: { runId },
    orderBy: { createdAt: "asc" },
    include: { user: { select: { id: true, name: true, handle: true } } },
  });
  return rows.map((r) => r.user);
}
