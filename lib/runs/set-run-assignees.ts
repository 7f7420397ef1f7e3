import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";

/** Replaces the people completing a run (the seed's "Checklist Completer(s)"). */
export async function setRunAssignees({
  actor: maybeActor,
  ...input
}: {
  actor: Actor | null;
  runId: string;
  userIds: string[];
}) {
  const actor = requirePermission(maybeActor, "runs.write");
  const wanted = [...new Set(input.userIds)];
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(input.runId));
    const now = new Date();
    const run = await tx.run.findUnique({ where: { id: input.runId }, include: { assignees: true } });
    if (!run) throw new NotFoundError("No such run.");
    if (run.status !== "open")
      throw new DomainError(`Run #${run.number} is closed; it can no longer change.`);
    const users = await tx.user.findMany({ where: { id: { in: wanted }, active: true } });
    const unfit = wanted.filter((id) => !users.some((u) => u.id === id && can(u, "runs.write")));
    if (unfit.length)
      throw new ValidationError("Only active operators can complete a run.", {
        userIds: ["Not an active operator"],
      });
    const before = run.assignees.map((a) => a.userId);
    await tx.runAssignee.deleteMany({ where: { runId: run.id, userId: { notIn: wanted } } });
    await tx.runAssignee.createMany({
      data: wanted
        .filter((id) => !before.includes(id))
        .map((userId) => ({ runId: run.id, userId, createdAt: now })),
    });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.assignees_changed",
      payload: { from: before, to: wanted },
      at: now,
    });
    return wanted;
  });
}
