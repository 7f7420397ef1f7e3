import "server-only";
import type { Composed } from "@/lib/notify/compose-message";
import type { ResolvedTarget } from "@/lib/notify/resolve-target";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import { deliverEmail } from "@/lib/notify/channels/email";
import { deliverSlack } from "@/lib/notify/channels/slack";
import { deliverStatuspage, type IncidentHint } from "@/lib/notify/channels/statuspage";

/** One composed message to one resolved target, through its channel's adapter. */
export function deliverTo(
  target: ResolvedTarget,
  composed: Composed,
  incident: IncidentHint = {},
): Promise<Delivered> {
  if (!target.ok) return Promise.reject(new DeliveryError(target.problem, { permanent: true }));
  // A rehearsal's message with no test destination: kept as evidence, handed to no provider.
  if (target.channel === "captured")
    return Promise.resolve({
      summary: `captured, not sent (rehearsal; ${target.target} “${target.name}” has no test destination)`,
      response: { captured: true, rehearsal: true, channel: target.target, text: capturedText(composed) },
    });
  if (target.channel === "email" && composed.channel === "email")
    return deliverEmail(target.config, composed);
  if (target.channel === "slack" && composed.channel === "slack")
    return deliverSlack(target.webhookUrl, composed.payload);
  if (target.channel === "statuspage" && composed.channel === "statuspage")
    return deliverStatuspage({ ...target, pageId: target.config.pageId }, composed.payload, incident);
  return Promise.reject(
    new DeliveryError("The message was composed for another channel.", { permanent: true }),
  );
}

function capturedText(composed: Composed): unknown {
  switch (composed.channel) {
    case "email":
      return { subject: composed.subject, text: composed.text };
    default:
      return composed.payload;
  }
}
