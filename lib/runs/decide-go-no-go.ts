import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import type { Decision } from "@/lib/runs/flow-fields";
import { requireAvailable } from "@/lib/runs/flow/run-availability";
import { recordDecision, refuseUnfinishedLinks } from "@/lib/runs/record-decision";
import type { ItemSpec } from "@/lib/runs/run-view";

export const RATIONALE_MAX = 2000;

export function checkRationale(raw: string): string {
  const rationale = raw.trim();
  if (!rationale) throw new ValidationError("A decision needs its rationale.", { rationale: ["Required"] });
  if (rationale.length > RATIONALE_MAX)
    throw new ValidationError("The rationale is too long.", { rationale: ["Too long"] });
  return rationale;
}

/**
 * Records (or revises) the Go/No-Go decision: who, when, and why. The branch not taken
 * stays in the run, marked "not taken"; a NO GO sets the result. A revision needs a new
 * rationale and supersedes the previous decision, which stays on record. When the template
 * asks for a quorum of approvals, GO is recorded by the approvals (approve-decision.ts), never
 * by one person; NO GO stays one person's call.
 */
export async function decideGoNoGo(input: {
  actor: Actor | null;
  runId: string;
  itemId: string;
  decision: Decision;
  rationale: string;
}) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.decide");
  const rationale = checkRationale(input.rationale);

  return inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const item = await tx.runItem.findUnique({ where: { id: input.itemId } });
    if (!item || item.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
    if (item.kind !== "decision") throw new DomainError("This item is not a decision.");
    await requireAvailable(tx, run, item);
    await refuseUnfinishedLinks(tx, run, item);
    const quorum = (item.spec as ItemSpec).approvals ?? 1;
    if (input.decision === "GO" && quorum > 1) {
      throw new DomainError(
        `GO needs the approval of ${quorum} people; record your approval, and GO is recorded when ${quorum} have approved.`,
      );
    }
    return recordDecision(tx, { run, item, actorId: actor.id, decision: input.decision, rationale, now });
  });
}
