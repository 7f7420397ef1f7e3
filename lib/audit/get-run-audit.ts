import "server-only";
import { db } from "@/lib/db";
import { requirePermission, requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import { getRunView } from "@/lib/runs/get-run-view";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import type { RunAudit } from "@/lib/audit/run-audit";
import { itemFlags, signedPlans } from "@/lib/audit/item-flags";
import { toAutomationView } from "@/lib/aws/automation-view";
import { notificationViewSelect, toNotificationView } from "@/lib/notify/notification-view";

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
  requireTeamPermission(actor, "audit.read", run.team.id, `Run #${number} does not exist.`);
  const [roster, events, notifications, automations] = await Promise.all([
    getAckRoster({ actor, run: run.id }),
    db().auditEvent.findMany({
      where: { stream: `run:${run.id}` },
      orderBy: { seq: "asc" },
      include: { actor: { select: { handle: true } } },
    }),
    db().notification.findMany({
      where: { runId: run.id },
      orderBy: { createdAt: "asc" },
      select: notificationViewSelect,
    }),
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
    notifications: notifications.map(toNotificationView),
    automations: automations.map(toAutomationView),
    events: eventViews,
  };
}
