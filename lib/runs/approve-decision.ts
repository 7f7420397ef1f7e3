import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { approvalRound, namedApprovers } from "@/lib/runs/approvals";
import { checkRationale } from "@/lib/runs/decide-go-no-go";
import type { Decision } from "@/lib/runs/flow-fields";
import { requireAvailable } from "@/lib/runs/flow/run-availability";
import { recordDecision, refuseUnfinishedLinks } from "@/lib/runs/record-decision";
import { inRunTransaction } from "@/lib/runs/run-transaction";

/**
 * One person's vote on the Go/No-Go decision, with a rationale. GO is recorded, signed by
 * the votes, once the template's quorum of distinct people has voted GO and no NO GO vote
 * stands; a NO GO vote blocks GO until it is withdrawn. The run's lock orders two votes, and
 * the unique (item, round, person) index makes a repeated vote fail rather than count twice.
 */
export async function approveDecision(input: {
  actor: Actor | null;
  runId: string;
  itemId: string;
  vote: Decision;
  rationale: string;
}) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.decide");
  const rationale = checkRationale(input.rationale);
  try {
    return await inRunTransaction(input.runId, async ({ tx, run, now }) => {
      const { item, round, votes, quorum } = await approvalRound(tx, run, input.itemId);
      await requireAvailable(tx, run, item);
      await refuseUnfinishedLinks(tx, run, item);
      const named = await namedApprovers(tx, run.id);
      if (named.length && !named.some((u) => u.id === actor.id))
        throw new ForbiddenError(
          `Only the named approvers may approve this decision (${named.map((u) => "@" + u.handle).join(", ")}).`,
        );
      if (votes.some((v) => v.userId === actor.id)) throw alreadyVoted();
      const approval = await tx.runApproval.create({
        data: {
          runId: run.id,
          itemId: item.id,
          round,
          userId: actor.id,
          vote: input.vote,
          rationale,
          createdAt: now,
        },
      });
      await appendAuditEvent(tx, {
        runId: run.id,
        actorId: actor.id,
        action: "approval.recorded",
        itemId: item.id,
        payload: { approvalId: approval.id, vote: input.vote, rationale, round, quorum },
        at: now,
      });
      const all = [...votes, { ...approval, user: actor }];
      const go = all.filter((v) => v.vote === "GO");
      const blocked = all.some((v) => v.vote === "NO GO");
      if (blocked || go.length < quorum) {
        return { decided: false, goVotes: go.length, quorum, blockedByNoGo: blocked };
      }
      const decided = await recordDecision(tx, {
        run,
        item,
        actorId: actor.id,
        decision: "GO",
        rationale: go.map((v) => `${v.user.name}: ${v.rationale}`).join("\n"),
        now,
        payload: {
          approvals: go.map((v) => ({ approvalId: v.id, userId: v.userId, rationale: v.rationale })),
          round,
        },
      });
      return { decided: true, goVotes: go.length, quorum, blockedByNoGo: false, decision: decided };
    });
  } catch (err) {
    // Two clicks of one person that both passed the check before either committed.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw alreadyVoted();
    throw err;
  }
}

function alreadyVoted() {
  return new ValidationError("You have already voted on this decision; withdraw your vote to change it.", {
    vote: ["Already voted"],
  });
}

/** Withdraws one's own vote of the current round (audited with what it said). */
export async function withdrawApproval(input: { actor: Actor | null; runId: string; itemId: string }) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.decide");
  return inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const { item, round, votes } = await approvalRound(tx, run, input.itemId);
    const mine = votes.find((v) => v.userId === actor.id);
    if (!mine) throw new DomainError("You have no vote on this decision to withdraw.");
    await tx.runApproval.delete({ where: { id: mine.id } });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "approval.withdrawn",
      itemId: item.id,
      payload: { approvalId: mine.id, vote: mine.vote, rationale: mine.rationale, round },
      at: now,
    });
    return { withdrawn: mine.id };
  });
}
