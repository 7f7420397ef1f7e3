import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";

/** Names the people who approve this run's decision (like the acknowledgement roster); none: anyone who may decide. */
export async function setRunApprovers(input: { actor: Actor | null; runId: string; userIds: string[] }) {
  const actor = requirePermission(input.actor, "runs.decide");
  const wanted = [...new Set(input.userIds)];
  return inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const users = await tx.user.findMany({ where: { id: { in: wanted }, active: true } });
    const unfit = wanted.filter((id) => !users.some((u) => u.id === id && can(u, "runs.decide")));
    if (unfit.length)
      throw new ValidationError("Only active people who may decide can approve.", {
        userIds: ["Not an active person with runs.decide"],
      });
    const before = (await tx.runApprover.findMany({ where: { runId: run.id } })).map((a) => a.userId);
    await tx.runApprover.deleteMany({ where: { runId: run.id, userId: { notIn: wanted } } });
    await tx.runApprover.createMany({
      data: wanted
        .filter((id) => !before.includes(id))
        .map((userId) => ({ runId: run.id, userId, createdAt: now })),
    });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.approvers_changed",
      payload: { from: before, to: wanted },
      at: now,
    });
    return wanted;
  });
}
