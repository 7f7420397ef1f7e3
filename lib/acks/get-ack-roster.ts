import "server-only";
import { db } from "@/lib/db";
import { can, type Actor } from "@/lib/auth/permissions";
import { runReadScope } from "@/lib/runs/read-scope";
import { NotFoundError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { mailConfigured } from "@/lib/notify/mailer";
import type { AckCopiedView, AckGroupView, AckRosterView, AckVia } from "@/lib/acks/ack-view";
import { CC_UNRESOLVED } from "@/lib/subscriptions/cc-subscribers";

/**
 * Who has been asked to acknowledge a run, by group, and who has. `run` is the run's
 * id, or `{ number }` as in its URL. Email addresses are shown only to those who may
 * change the run.
 */
export async function getAckRoster({
  actor: maybeActor,
  run,
}: {
  actor: Actor | null;
  run: string | { number: number };
}): Promise<AckRosterView> {
  // Readers of the run page: runs.read, or a subscriber of this very run.
  const scope = runReadScope(maybeActor);
  const actor = maybeActor!;
  const row = await db().run.findFirst({
    where: { ...(typeof run === "string" ? { id: run } : { number: run.number }), ...scope },
    select: {
      id: true,
      number: true,
      status: true,
      teamId: true,
      templateVersion: { select: { definition: true } },
      subscribers: {
        where: { removedAt: null },
        orderBy: [{ createdAt: "asc" }, { name: "asc" }],
        include: { user: { select: { handle: true } } },
      },
      auditEvents: { where: { action: CC_UNRESOLVED }, select: { payload: true } },
    },
  });
  if (!row) throw new NotFoundError("That run does not exist.");
  const canManage = can(actor, "runs.write", row.teamId);
  const { ackGroups } = definitionSchema.pick({ ackGroups: true }).parse(row.templateVersion.definition);

  const groups: AckGroupView[] = ackGroups.map((g) => ({ key: g.key, name: g.name, subscribers: [] }));
  const copied: AckCopiedView[] = [];
  for (const s of row.subscribers) {
    if (s.kind === "cc") {
      copied.push({
        id: s.id,
        name: s.name,
        handle: s.user?.handle ?? null,
        mine: !!s.userId && s.userId === actor.id,
        notifiedAt: s.notifiedAt?.toISOString() ?? null,
        notifyError: s.notifyError,
      });
      continue;
    }
    let group = groups.find((g) => g.key === s.groupKey);
    if (!group) groups.push((group = { key: s.groupKey, name: s.groupName, subscribers: [] }));
    group.subscribers.push({
      id: s.id,
      name: s.name,
      email: canManage ? s.email : null,
      handle: s.user?.handle ?? null,
      mine: !!s.userId && s.userId === actor.id,
      acknowledgedAt: s.acknowledgedAt?.toISOString() ?? null,
      acknowledgedVia: (s.acknowledgedVia as AckVia | null) ?? null,
      notifiedAt: s.notifiedAt?.toISOString() ?? null,
      notifyError: s.notifyError,
    });
  }
  return {
    runId: row.id,
    number: row.number,
    status: row.status,
    canManage,
    mailConfigured: mailConfigured(),
    groups,
    copied,
    ccUnknown: row.auditEvents.flatMap((e) => (e.payload as { handles?: string[] }).handles ?? []),
  };
}
