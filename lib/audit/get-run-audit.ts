import "server-only";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getRunView } from "@/lib/runs/get-run";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import type { RunAudit } from "@/lib/audit/run-audit";
import { itemFlags, signedPlans } from "@/lib/audit/item-flags";

/** The audit view of run `number`: read-only, for anyone with audit.read. */
export async function getRunAudit({
  actor: maybeActor,
  number,
}: {
  actor: Actor | null;
  number: number;
}): Promise<RunAudit> {
  const actor = requirePermission(maybeActor, "audit.read");
  const run = await getRunView({ actor, number });
  const [roster, events, notifications, automations] = await Promise.all([
    getAckRoster({ actor, run: run.id }),
    db().auditEvent.findMany({
      where: { stream: `run:${run.id}` },
      orderBy: { seq: "asc" },
      include: { actor: { select: { handle: true } } },
    }),
    db().notification.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } }),
    db().automationExecution.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } }),
  ]);
  const eventViews = events.map((e) => ({
    id: e.id.toString(),
    stream: e.stream,
    seq: e.seq,
    runId: e.runId,
    actorId: e.actorId,
    actorHandle: e.actor?.handle ?? null,
    action: e.action,
    itemId: e.itemId,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
    prevHash: e.prevHash,
    hash: e.hash,
  }));
  return {
    run,
    roster,
    flags: itemFlags(eventViews),
    signedPlans: signedPlans(eventViews),
    notifications: notifications.map((n) => ({
      id: n.id,
      itemId: n.itemId,
      channel: n.channel,
      target: n.target,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt.toISOString(),
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
    })),
    automations: automations.map((a) => ({
      id: a.id,
      itemId: a.itemId,
      kind: a.kind,
      dryRun: a.dryRun,
      status: a.status,
      error: a.error,
      startedAt: a.startedAt?.toISOString() ?? null,
      finishedAt: a.finishedAt?.toISOString() ?? null,
      evidence: a.evidence,
    })),
    events: eventViews,
  };
}
