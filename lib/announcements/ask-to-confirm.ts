import "server-only";
import { DateTime } from "luxon";
import { appUrl } from "@/lib/env";
import { mailConfigured, sendMail } from "@/lib/notify/mailer";
import type { Responsible } from "@/lib/announcements/responsible-person";

export type AskOutcome =
  { to: string; ok: true; messageId: string } | { to: string; ok: false; error: string };

/** The link to the announcement's row on the run page, where its one-click confirm is. */
export const itemLink = (runNumber: number, itemId: string) => `${appUrl()}/runs/${runNumber}#item-${itemId}`;

/**
 * Emails each responsible person that the announcement is due and waits for their confirm.
 * The notification is the link; the confirm itself happens signed in, on the run page.
 */
export async function askToConfirm(input: {
  people: Responsible[];
  runNumber: number;
  runTitle: string;
  itemId: string;
  itemText: string;
  fireAt: Date;
  timeZone: string;
  because?: string;
}): Promise<AskOutcome[]> {
  if (!mailConfigured())
    return [{ to: "(nobody)", ok: false, error: "SMTP_URL is not set: this server sends no email." }];
  const link = itemLink(input.runNumber, input.itemId);
  const at = DateTime.fromJSDate(input.fireAt, { zone: input.timeZone }).toFormat(
    "ccc d LLL yyyy HH:mm ZZZZ",
  );
  const subject = `Due: confirm sending “${input.itemText}” of #${input.runNumber} ${input.runTitle}`;
  const lines = [
    `The announcement “${input.itemText}” is due at ${at}.`,
    ...(input.because ? [`It could not go out on its own: ${input.because}`] : []),
    "",
    `Confirm sending it with one click: ${link}`,
  ];
  const out: AskOutcome[] = [];
  for (const p of input.people) {
    try {
      const sent = await sendMail({
        to: { name: p.name, address: p.email },
        subject,
        text: lines.join("\n"),
        html: `<p>${escape(lines[0]!)}</p><p><a href="${escape(link)}">Confirm sending it</a></p>`,
      });
      out.push({ to: p.email, ok: true, messageId: sent.messageId });
    } catch (err) {
      out.push({
        to: p.email,
        ok: false,
        error: (err instanceof Error ? err.message : String(err)).slice(0, 300),
      });
    }
  }
  return out;
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
