import type { RunSummary } from "@/lib/acks/ack-view";
import { formatTime } from "@/lib/format/time";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

// A mail reader's zone is unknown: times in UTC, named, as every shown time is formatted.
const utc = (iso: string) => formatTime(iso, { timeZone: "UTC", withYear: true });
const readable = (value: string) =>
  /T\d\d:/.test(value) && !Number.isNaN(Date.parse(value)) ? utc(value) : value;

/** The message asking one subscriber to acknowledge a run, as plain text and simple HTML. */
export function ackRequestEmail({
  run,
  name,
  groupName,
  link,
}: {
  run: RunSummary;
  name: string;
  groupName: string;
  link: string;
}): { subject: string; text: string; html: string } {
  const facts: [string, string][] = [
    ["Run", `#${run.number} ${run.title}`],
    ...(run.changesetVersion ? [["Changeset version", run.changesetVersion] as [string, string]] : []),
    ...(run.maintenanceWindow
      ? [["Maintenance window", readable(run.maintenanceWindow)] as [string, string]]
      : []),
    ["Checklist", `${run.templateName}, ${run.sections} sections`],
    ["Started by", `${run.startedBy} at ${utc(run.startedAt)}`],
    ["Your list", groupName],
  ];
  const intro = `${run.startedBy} asks you to acknowledge that you know of this production change.`;
  const fine =
    "The link is personal: it acknowledges for you, on this run only. It stops working when the run is closed.";
  const text = [
    `Hello ${name},`,
    "",
    intro,
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    "",
    `Acknowledge: ${link}`,
    "",
    fine,
    "",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #0f172a; line-height: 1.5">
<p>Hello ${escapeHtml(name)},</p>
<p>${escapeHtml(intro)}</p>
<table style="border-collapse: collapse">
${facts.map(([k, v]) => `<tr><td style="padding: 2px 12px 2px 0; color: #475569">${escapeHtml(k)}</td><td style="padding: 2px 0"><strong>${escapeHtml(v)}</strong></td></tr>`).join("\n")}
</table>
<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 8px 16px; background: #0f172a; color: #ffffff; text-decoration: none; border-radius: 4px">Acknowledge</a></p>
<p style="color: #475569; font-size: 14px">Or open ${escapeHtml(link)}<br>${escapeHtml(fine)}</p>
</body></html>
`;
  return { subject: `Please acknowledge: ${run.title}`, text, html };
}
