import { DateTime } from "luxon";
import { minutesLabel } from "@/lib/reminders/lead-time";
import type { ReminderKind } from "@/lib/reminders/plan-reminders";

export type ReminderContext = {
  kind: ReminderKind;
  runNumber: number;
  runTitle: string;
  phaseTitle: string;
  dueAt: Date;
  timeZone: string;
  now: Date;
  openItems: string[];
  url: string;
};

export type ReminderMessage = { subject: string; text: string; html: string; slack: string };

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The words of one reminder, the same in the email and the Slack post. */
export function composeReminder(c: ReminderContext): ReminderMessage {
  const due = DateTime.fromJSDate(c.dueAt, { zone: c.timeZone }).toFormat("ccc d LLL yyyy HH:mm ZZZZ");
  const minutes = Math.round(Math.abs(c.dueAt.getTime() - c.now.getTime()) / 60_000);
  const run = `#${c.runNumber} ${c.runTitle}`;
  const subject =
    c.kind === "lead"
      ? `Reminder: “${c.phaseTitle}” of ${run} is due in ${minutesLabel(minutes)}`
      : `Overdue: “${c.phaseTitle}” of ${run} was due ${minutesLabel(minutes)} ago`;
  const shown = c.openItems.slice(0, 10);
  const more = c.openItems.length - shown.length;
  const lines = [
    c.kind === "lead"
      ? `“${c.phaseTitle}” is due at ${due}.`
      : `“${c.phaseTitle}” was due at ${due} and is not done.`,
    "",
    `Open items (${c.openItems.length}):`,
    ...shown.map((t) => `- ${t}`),
    ...(more > 0 ? [`- … and ${more} more`] : []),
    "",
    `Open the run: ${c.url}`,
  ];
  const html = [
    `<p>${esc(lines[0]!)}</p>`,
    `<p>Open items (${c.openItems.length}):</p>`,
    `<ul>${shown.map((t) => `<li>${esc(t)}</li>`).join("")}${more > 0 ? `<li>… and ${more} more</li>` : ""}</ul>`,
    `<p><a href="${esc(c.url)}">Open ${esc(run)}</a></p>`,
  ].join("\n");
  return { subject, text: lines.join("\n"), html, slack: `${subject}\n${c.url}` };
}
