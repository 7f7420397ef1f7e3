import "server-only";
import { sendJson } from "@/lib/notify/channels/http-post";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";
import type { StatuspageTarget } from "@/lib/notify/channels/statuspage";
import type { DesiredMaintenance } from "@/lib/maintenance/desired-maintenance";

/** Lists are parsed whole. */
const WHOLE = 5_000_000;

const pageUrl = (t: StatuspageTarget) => `${t.baseUrl}/v1/pages/${encodeURIComponent(t.pageId)}`;
const auth = (t: StatuspageTarget) => ({ authorization: `OAuth ${t.apiKey}` });

type Answer = { id?: unknown; status?: unknown; name?: unknown };

function parse<T>(body: string, status: number, what: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new DeliveryError(`Statuspage answered ${status} without ${what}.`);
  }
}

/** Statuspage's own words for a scheduled maintenance (an incident with scheduled_for). */
function incidentOf(m: DesiredMaintenance) {
  return {
    incident: {
      name: m.name,
      status: m.status,
      body: m.body,
      scheduled_for: m.scheduledFor,
      scheduled_until: m.scheduledUntil,
      // The run moves it: Statuspage must not start or finish it on its own clock.
      scheduled_auto_in_progress: false,
      scheduled_auto_completed: false,
    },
  };
}

/**
 * A maintenance with this name that an earlier attempt created before its answer was lost:
 * upcoming (GET …/incidents/scheduled) or running (GET …/incidents/active_maintenance).
 */
export async function findMaintenance(t: StatuspageTarget, name: string): Promise<string | undefined> {
  for (const list of ["scheduled", "active_maintenance"]) {
    const answer = await sendJson(
      "Statuspage",
      "GET",
      `${pageUrl(t)}/incidents/${list}`,
      undefined,
      auth(t),
      WHOLE,
    );
    const items = parse<Answer[]>(answer.body, answer.status, "a list of incidents");
    const found = (Array.isArray(items) ? items : []).find(
      (i) => i.name === name && typeof i.id === "string",
    );
    if (found) return found.id as string;
  }
  return undefined;
}

/** Creates the maintenance (POST …/incidents) or moves it on (PATCH …/incidents/{id}). */
export async function putMaintenance(
  t: StatuspageTarget,
  m: DesiredMaintenance,
  incidentId: string | null,
): Promise<{ incidentId: string; status: string; created: boolean }> {
  const answer = incidentId
    ? await sendJson(
        "Statuspage",
        "PATCH",
        `${pageUrl(t)}/incidents/${encodeURIComponent(incidentId)}`,
        incidentOf(m),
        auth(t),
        WHOLE,
      )
    : await sendJson("Statuspage", "POST", `${pageUrl(t)}/incidents`, incidentOf(m), auth(t), WHOLE);
  const incident = parse<Answer>(answer.body, answer.status, "an incident");
  if (typeof incident.id !== "string")
    throw new DeliveryError(`Statuspage answered ${answer.status} without an incident id.`);
  return {
    incidentId: incident.id,
    status: typeof incident.status === "string" ? incident.status : m.status,
    created: !incidentId,
  };
}
