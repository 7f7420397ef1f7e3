import "server-only";
import { mailConfigured, sendMail } from "@/lib/notify/mailer";
import { deliverSlack } from "@/lib/notify/channels/slack";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";
import { resolveTarget } from "@/lib/notify/resolve-target";
import type { ReminderMessage } from "@/lib/reminders/compose-reminder";
import type { Recipient } from "@/lib/reminders/reminder-recipients";

export type ChannelOutcome =
  | { channel: "email"; to: string; ok: true; messageId: string }
  | { channel: "slack"; target: string; ok: true; summary: string }
  | { channel: "email" | "slack"; to?: string; target?: string; ok: false; error: string; retryable: boolean }
  | { channel: "email" | "slack"; target?: string; skipped: string };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Worth another try: an HTTP failure its adapter did not call permanent, a lost SMTP
 * connection, or an SMTP 4xx (temporary by definition); an SMTP 5xx (a refused address) is not.
 */
function retryable(err: unknown): boolean {
  if (err instanceof DeliveryError) return !err.permanent;
  const code = (err as { responseCode?: number }).responseCode;
  return code === undefined || (code >= 400 && code < 500);
}

/**
 * Sends one reminder: an email to each person (when SMTP is set up) and a post to each of
 * the run's Slack targets (when configured). Each channel's outcome is kept for the audit
 * event; a channel that is not set up is named, not failed.
 */
export async function deliverReminder(
  message: ReminderMessage,
  people: Recipient[],
  slackTargets: string[],
  run: { rehearsal: boolean; teamId?: string } = { rehearsal: false },
): Promise<ChannelOutcome[]> {
  const out: ChannelOutcome[] = [];
  if (!mailConfigured())
    out.push({ channel: "email", skipped: "SMTP_URL is not set: this server sends no email." });
  else
    for (const p of people) {
      try {
        const sent = await sendMail({
          to: { name: p.name, address: p.email },
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
        out.push(
          sent.rejected.length
            ? {
                channel: "email",
                to: p.email,
                ok: false,
                error: sent.refusals[0]?.reason ?? "refused",
                retryable: false,
              }
            : { channel: "email", to: p.email, ok: true, messageId: sent.messageId },
        );
      } catch (err) {
        out.push({
          channel: "email",
          to: p.email,
          ok: false,
          error: errorText(err),
          retryable: retryable(err),
        });
      }
    }
  for (const name of slackTargets) {
    // A rehearsal's reminder goes to the channel's test webhook, or is not posted at all.
    const target = await resolveTarget("slack", name, run);
    if (!target.ok || target.channel !== "slack") {
      out.push({
        channel: "slack",
        target: name,
        skipped: !target.ok
          ? target.problem
          : target.channel === "captured"
            ? target.reason
            : "not a Slack target",
      });
      continue;
    }
    try {
      const done = await deliverSlack(target.webhookUrl, { text: message.slack });
      out.push({ channel: "slack", target: name, ok: true, summary: done.summary });
    } catch (err) {
      out.push({
        channel: "slack",
        target: name,
        ok: false,
        error: errorText(err),
        retryable: retryable(err),
      });
    }
  }
  return out;
}
