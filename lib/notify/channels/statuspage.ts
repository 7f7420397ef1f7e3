import "server-only";
import { postJson } from "@/lib/notify/channels/http-post";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import type { StatuspageIncident } from "@/lib/notify/compose-message";

/** Opens an incident: POST /v1/pages/{page_id}/incidents (Statuspage REST API v1). */
export async function deliverStatuspage(
  target: { baseUrl: string; apiKey: string; pageId: string },
  payload: { incident: StatuspageIncident },
): Promise<Delivered> {
  const url = `${target.baseUrl}/v1/pages/${encodeURIComponent(target.pageId)}/incidents`;
  const answer = await postJson("Statuspage", url, payload, { authorization: `OAuth ${target.apiKey}` });
  let incident: { id?: unknown; status?: unknown; shortlink?: unknown };
  try {
    incident = JSON.parse(answer.body) as typeof incident;
  } catch {
    throw new DeliveryError(`Statuspage answered ${answer.status} without an incident.`);
  }
  if (typeof incident.id !== "string")
    throw new DeliveryError(`Statuspage answered ${answer.status} without an incident id.`);
  const status = typeof incident.status === "string" ? incident.status : payload.incident.status;
  return {
    summary: `Statuspage incident ${incident.id} (${status})`,
    response: {
      status: answer.status,
      incidentId: incident.id,
      incidentStatus: status,
      ...(typeof incident.shortlink === "string" ? { shortlink: incident.shortlink } : {}),
    },
  };
}
