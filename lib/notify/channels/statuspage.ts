import "server-only";
import { sendJson, type HttpAnswer } from "@/lib/notify/channels/http-post";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import type { StatuspageIncident } from "@/lib/notify/compose-message";

export type StatuspageTarget = { baseUrl: string; apiKey: string; pageId: string };

/** How this delivery relates to the run's incident: update it, or look for one a lost answer created. */
export type IncidentHint = {
  /** The run's incident, opened by an earlier delivery: updated with PATCH, not opened again. */
  incidentId?: string;
  /** An earlier attempt may have opened the incident and lost the answer: look for it first. */
  lookForOneSince?: Date;
};

type Incident = { id?: unknown; name?: unknown; status?: unknown; shortlink?: unknown; created_at?: unknown };

/** Answers are parsed whole: an incident carries all its updates, a list all its incidents. */
const WHOLE = 5_000_000;

const pageUrl = (t: StatuspageTarget) => `${t.baseUrl}/v1/pages/${encodeURIComponent(t.pageId)}`;
const auth = (t: StatuspageTarget) => ({ authorization: `OAuth ${t.apiKey}` });

function parse<T>(answer: HttpAnswer, what: string): T {
  try {
    return JSON.parse(answer.body) as T;
  } catch {
    throw new DeliveryError(`Statuspage answered ${answer.status} without ${what}.`);
  }
}

/** An unresolved incident with this name opened since `since`: one an earlier attempt created. */
async function findIncident(t: StatuspageTarget, name: string, since: Date): Promise<string | undefined> {
  // The whole list is parsed: an open page may hold many incidents, each with its updates.
  const answer = await sendJson(
    "Statuspage",
    "GET",
    `${pageUrl(t)}/incidents/unresolved`,
    undefined,
    auth(t),
    WHOLE,
  );
  const list = parse<Incident[]>(answer, "a list of incidents");
  // A minute of slack: Statuspage's clock and ours need not agree.
  const found = (Array.isArray(list) ? list : []).find(
    (i) =>
      i.name === name &&
      typeof i.id === "string" &&
      Date.parse(String(i.created_at)) >= since.getTime() - 60_000,
  );
  return found?.id as string | undefined;
}

/**
 * One incident per run: the first announcement opens it (POST /v1/pages/{page}/incidents),
 * later ones update it (PATCH /v1/pages/{page}/incidents/{id}) through the run's phases.
 * A retry after an attempt that may have opened it (a timeout after Statuspage acted) looks
 * the incident up first, so the page never shows two incidents for one change.
 */
export async function deliverStatuspage(
  target: StatuspageTarget,
  payload: { incident: StatuspageIncident },
  hint: IncidentHint = {},
): Promise<Delivered> {
  let incidentId = hint.incidentId;
  let found = false;
  if (!incidentId && hint.lookForOneSince) {
    incidentId = await findIncident(target, payload.incident.name, hint.lookForOneSince);
    found = !!incidentId;
  }
  const answer = incidentId
    ? await sendJson(
        "Statuspage",
        "PATCH",
        `${pageUrl(target)}/incidents/${encodeURIComponent(incidentId)}`,
        payload,
        auth(target),
        WHOLE,
      )
    : await sendJson("Statuspage", "POST", `${pageUrl(target)}/incidents`, payload, auth(target), WHOLE);
  const incident = parse<Incident>(answer, "an incident");
  if (typeof incident.id !== "string")
    throw new DeliveryError(`Statuspage answered ${answer.status} without an incident id.`);
  const status = typeof incident.status === "string" ? incident.status : payload.incident.status;
  const how = !incidentId
    ? "opened"
    : found
      ? "found (an earlier attempt had opened it) and updated"
      : "updated";
  return {
    summary: `Statuspage incident ${incident.id} ${how} (${status})`,
    response: {
      status: answer.status,
      incidentId: incident.id,
      incidentStatus: status,
      action: incidentId ? "updated" : "opened",
      ...(found ? { foundAfterLostAnswer: true } : {}),
      ...(typeof incident.shortlink === "string" ? { shortlink: incident.shortlink } : {}),
    },
  };
}

/** The settings page's test: reads the page (GET /v1/pages/{page}), so nobody's subscribers are notified. */
export async function readStatuspage(target: StatuspageTarget): Promise<Delivered> {
  const answer = await sendJson("Statuspage", "GET", pageUrl(target), undefined, auth(target), WHOLE);
  const page = parse<{ id?: unknown; name?: unknown }>(answer, "a page");
  if (typeof page.id !== "string")
    throw new DeliveryError(`Statuspage answered ${answer.status} without a page.`);
  return {
    summary: `Statuspage page “${String(page.name ?? page.id)}” (${page.id}) is readable with this key; nothing was posted`,
    response: { status: answer.status, pageId: page.id, pageName: page.name },
  };
}
