import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { insertSubscribers } from "@/lib/acks/insert-subscribers";
import { assertRunOpen } from "@/lib/acks/load-subscriber";
import { resolveSubscribers, subscriberFieldKey } from "@/lib/acks/resolve-subscribers";

/**
 * Adds people to one acknowledgement group of an open run. `who` takes the same
 * "emails or @handles, comma-separated" as the form that starts a run.
 */
export async function addSubscriber({
  actor: maybeActor,
  runId,
  groupKey,
  who,
}: {
  actor: Actor | null;
  runId: string;
  groupKey: string;
  who: string;
}): Promise<{
  added: { id: string; name: string; email: string }[];
}> {
  const actor = await requireRunPermission(maybeActor, runId, "runs.write");
  const run = await db().run.findUnique({
    where: { id: runId },
    select: { templateVersion: { select: { definition: true } } },
  });
  if (!run) throw new NotFoundError("That run does not exist.");
  const { ackGroups } = definitionSchema.pick({ ackGroups: true }).parse(run.templateVersion.definition);
  const group = ackGroups.find((g) => g.key === groupKey);
  const field = subscriberFieldKey(groupKey);
  if (!group)
    throw new ValidationError("This run has no such acknowledgement group.", { [field]: ["Unknown group"] });
  if (!who.trim())
    throw new ValidationError("Enter emails or @handles.", { [field]: ["Enter emails or @handles"] });
  const drafts = await resolveSubscribers([group], { [groupKey]: who });

  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    assertRunOpen(
      await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { number: true, status: true } }),
    );
    const present = await tx.runSubscriber.findMany({
      where: { runId, groupKey, removedAt: null, email: { in: drafts.map((d) => d.email) } },
      select: { email: true },
    });
    if (present.length) {
      const message = `${group.name}: already on the list: ${present.map((p) => p.email).join(", ")}`;
      throw new ValidationError(message, { [field]: [message] });
    }
    const rows = await insertSubscribers(tx, { runId, actorId: actor.id, list: drafts, now: new Date() });
    return { added: rows.map((r) => ({ id: r.id, name: r.name, email: r.email })) };
  });
}
