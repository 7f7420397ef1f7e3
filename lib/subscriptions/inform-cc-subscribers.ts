import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { appUrl } from "@/lib/env";
import { mailConfigured, sendMail, SMTP_NOT_CONFIGURED } from "@/lib/notify/mailer";
import { deliveryOf } from "@/lib/subscriptions/subscription-delivery";

export type CcOutcome =
  | { subscriberId: string; handle: string | null; sent: true }
  | { subscriberId: string; handle: string | null; sent: false; reason: string };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Tells the run's /cc subscribers, once, that they are copied on it: an email with a link to
 * the run and nothing to acknowledge, unless the person chose "none". Each outcome is kept on
 * the subscriber row and in one `cc.informed` event.
 */
export async function informCcSubscribers({ runId }: { runId: string }): Promise<CcOutcome[]> {
  const run = await db().run.findUniqueOrThrow({
    where: { id: runId },
    select: { number: true, title: true },
  });
  const copied = await db().runSubscriber.findMany({
    where: { runId, kind: "cc", removedAt: null, notifiedAt: null, notifyError: null },
    include: { user: { select: { handle: true, subscriptionDelivery: true, active: true } } },
    orderBy: { createdAt: "asc" },
  });
  const url = `${appUrl()}/runs/${run.number}`;
  const out: CcOutcome[] = [];
  for (const s of copied) {
    const handle = s.user?.handle ?? null;
    let reason: string | null = null;
    if (s.user && deliveryOf(s.user.subscriptionDelivery) === "none") reason = "chose no email";
    else if (!mailConfigured()) reason = SMTP_NOT_CONFIGURED;
    else
      try {
        await sendMail({
          to: { name: s.name, address: s.email },
          subject: `Copied: Run #${run.number}: ${run.title}`,
          text: `You are copied on Run #${run.number} (${run.title}) to stay informed; there is nothing to acknowledge.\n\n${url}\n`,
          html: `<p>You are copied on <a href="${url}">Run #${run.number}</a> to stay informed; there is nothing to acknowledge.</p>`,
        });
      } catch (err) {
        reason = errorText(err);
      }
    await db().runSubscriber.update({
      where: { id: s.id },
      data: reason ? { notifyError: reason } : { notifiedAt: new Date() },
    });
    out.push(
      reason
        ? { subscriberId: s.id, handle, sent: false, reason }
        : { subscriberId: s.id, handle, sent: true },
    );
  }
  if (out.length)
    await db().$transaction(async (tx) => {
      await lockStream(tx, streamFor(runId));
      await appendAuditEvent(tx, {
        runId,
        actorId: null,
        action: "cc.informed",
        payload: { outcomes: out },
        at: new Date(),
      });
    });
  return out;
}
