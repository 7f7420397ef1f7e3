import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { mailConfigured, sendMail, SMTP_NOT_CONFIGURED } from "@/lib/notify/mailer";
import type { AckRequestResult } from "@/lib/acks/ack-view";
import { ackLinkFor } from "@/lib/acks/ack-link";
import { ackRequestEmail } from "@/lib/acks/ack-request-email";
import { assertRunOpen } from "@/lib/acks/load-subscriber";
import { runSummaryInclude, toRunSummary } from "@/lib/acks/run-summary";
import { newSecretToken } from "@/lib/security/secret-token";

/**
 * Emails subscribers their personal links: everyone on the list, only those who have
 * not acknowledged yet (reminders), or just `subscriberIds`. Each email carries a new
 * link, since only hashes are kept; earlier links of those people stop working.
 *
 * The new links and the `ack.requested` event commit first; the mail goes out after,
 * and each subscriber row keeps the outcome (notifiedAt or notifyError) as its state.
 */
export async function sendAckRequests({
  actor: maybeActor,
  runId,
  onlyPending,
  subscriberIds,
}: {
  actor: Actor | null;
  runId: string;
  onlyPending: boolean;
  subscriberIds?: string[];
}): Promise<AckRequestResult> {
  const actor = await requireRunPermission(maybeActor, runId, "runs.write");
  // Without a mail server the links stay as they are: replacing them would only break copied ones.
  const configured = mailConfigured();
  const { run, targets } = await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    const run = await tx.run.findUnique({ where: { id: runId }, include: runSummaryInclude });
    if (!run) throw new NotFoundError("That run does not exist.");
    assertRunOpen(run);
    const subscribers = await tx.runSubscriber.findMany({
      where: {
        runId,
        removedAt: null,
        // Copied (/cc) people are informed, never asked to acknowledge.
        kind: "ack",
        ...(onlyPending ? { acknowledgedAt: null } : {}),
        ...(subscriberIds ? { id: { in: subscriberIds } } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    });
    if (!subscribers.length) return { run, targets: [] };
    const targets = [];
    for (const s of subscribers) {
      const issued = configured ? newSecretToken() : null;
      if (issued) await tx.runSubscriber.update({ where: { id: s.id }, data: { tokenHash: issued.hash } });
      targets.push({ ...s, token: issued?.token ?? null });
    }
    await appendAuditEvent(tx, {
      runId,
      actorId: actor.id,
      action: "ack.requested",
      payload: {
        subscriberIds: subscribers.map((s) => s.id),
        onlyPending,
        mail: configured ? "smtp" : "not_configured",
      },
      at: new Date(),
    });
    return { run, targets };
  });

  const result: AckRequestResult = { requested: targets.length, sent: 0, failed: [] };
  const summary = toRunSummary(run);
  for (const t of targets) {
    let error: string | null = SMTP_NOT_CONFIGURED;
    if (t.token) {
      try {
        await sendMail({
          to: { name: t.name, address: t.email },
          ...ackRequestEmail({
            run: summary,
            name: t.name,
            groupName: t.groupName,
            link: ackLinkFor(t.token),
          }),
        });
        error = null;
      } catch (err) {
        error = (err instanceof Error ? err.message : String(err)).slice(0, 500) || "Sending failed";
      }
    }
    await db().runSubscriber.updateMany({
      where: { id: t.id },
      data: error ? { notifyError: error } : { notifiedAt: new Date(), notifyError: null },
    });
    if (error) result.failed.push({ subscriberId: t.id, name: t.name, error });
    else result.sent++;
  }
  return result;
}
