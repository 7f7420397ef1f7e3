import type { Channel, StatuspageConfig } from "@/lib/notify/target-config";

/** What of the run an announcement shows besides its message; `label` is e.g. "Run #12". */
export type RunContext = { label: string; title: string; result: string | null; url: string };

export type StatuspageIncident = {
  name: string;
  status: "investigating" | "identified" | "monitoring" | "resolved";
  body: string;
  deliver_notifications: boolean;
};

export type Composed =
  | { channel: "email"; subject: string; text: string; html: string }
  | { channel: "slack"; payload: { text: string } }
  | { channel: "statuspage"; payload: { incident: StatuspageIncident } };

/**
 * The exact text each channel receives. The preview and the delivery both call this, so
 * what an operator approves is byte for byte what is sent.
 */
export function composeMessage(
  channel: Channel,
  message: string,
  run: RunContext,
  statuspage?: Pick<StatuspageConfig, "incidentStatus">,
): Composed {
  switch (channel) {
    case "email":
      return {
        channel,
        subject: `${run.label}: ${run.title}`,
        text: `${message}\n\n— ${run.label}: ${run.title}\n${run.url}\n`,
        html:
          `<p>${escapeHtml(message)}</p>` +
          `<p>— <a href="${escapeHtml(run.url)}">${escapeHtml(run.label)}: ${escapeHtml(run.title)}</a></p>`,
      };
    case "slack":
      return {
        channel,
        payload: {
          text: `${escapeSlack(message)}\n<${run.url}|${escapeSlack(run.label)}: ${escapeSlack(run.title)}>`,
        },
      };
    case "statuspage":
      return {
        channel,
        payload: {
          incident: {
            // The run's number too: a retried promotion has the same title, and a lost answer is
            // looked up again by this name.
            name: `${run.title} (${run.label})`,
            // Once the run has a result the change is over, whatever its outcome.
            status: run.result ? "resolved" : (statuspage?.incidentStatus ?? "identified"),
            body: message,
            deliver_notifications: true,
          },
        },
      };
  }
}

/**
 * The seed's failure announcement leaves a choice to the operator: "Changeset 4.4
 * _failed_or_was a no-go_ to deploy". The run's result makes it: "failed" for FAILED,
 * "was a no-go" for NO GO. Without either result the choice cannot be made, and the
 * message is not ready to send.
 */
const FAILED_OR_NO_GO = /_?\bfailed_or_was a no-go\b_?/gi;

export function wordForResult(message: string, result: string | null): { text: string; ready: boolean } {
  if (!FAILED_OR_NO_GO.test(message)) return { text: message, ready: true };
  FAILED_OR_NO_GO.lastIndex = 0;
  if (result === "FAILED") return { text: message.replace(FAILED_OR_NO_GO, "failed"), ready: true };
  if (result === "NO GO") return { text: message.replace(FAILED_OR_NO_GO, "was a no-go"), ready: true };
  return { text: message, ready: false };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Slack reads &, < and > as markup (links, mentions); https://api.slack.com/reference/surfaces/formatting#escaping */
function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
