import { randomBytes } from "node:crypto";
import { startFakeHttp, type FakeHttp } from "./fake-http";

export type FakeIncident = {
  id: string;
  page_id: string;
  name: string;
  status: string;
  body: string;
  created_at: string;
  /** Set for a scheduled maintenance, null for a realtime incident. */
  scheduled_for: string | null;
  scheduled_until: string | null;
  impact: string;
  updates: { status: string; body: string }[];
};

export type StatuspageFake = FakeHttp & {
  apiKey: string;
  pageId: string;
  pageName: string;
  incidents: FakeIncident[];
};

// https://developer.statuspage.io/#operation/postPagesPageIdIncidents: a realtime incident's
// statuses, and a scheduled maintenance's.
const STATUSES = ["investigating", "identified", "monitoring", "resolved"];
const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"];

/**
 * Atlassian Statuspage's REST API v1 as https://developer.statuspage.io describes it:
 * `Authorization: OAuth <key>` or 401; POST /v1/pages/{page}/incidents opens an incident
 * (201; 422 without a name or with an unknown status); PATCH …/incidents/{id} updates one
 * (200; 404 for an unknown id); GET …/incidents/unresolved lists the open ones; GET
 * /v1/pages/{page} reads the page. An incident posted with `scheduled_for` and
 * `scheduled_until` is a scheduled maintenance: its statuses are scheduled, in_progress,
 * verifying and completed (422 for a realtime status, or an end before its start), and
 * GET …/incidents/scheduled and …/incidents/active_maintenance list the upcoming and the
 * running ones. Rate limiting (420 or 429), hangs and "acted, then the
 * answer was lost" come from the test through `failNext`.
 */
export async function startStatuspageFake({
  apiKey = "fake-statuspage-key",
  pageId = "andromedapage1",
  pageName = "Andromeda Status",
} = {}): Promise<StatuspageFake> {
  const incidents: FakeIncident[] = [];
  const json = (status: number, body: unknown) => ({
    status,
    body: JSON.stringify(body),
    contentType: "application/json",
  });
  const shown = (i: FakeIncident) => ({
    ...i,
    shortlink: `https://stspg.io/${i.id}`,
    incident_updates: i.updates,
  });
  const http = await startFakeHttp((req) => {
    const m = /^\/v1\/pages\/([^/]+)(\/incidents(?:\/([^/]+))?)?$/.exec(req.path);
    if (!m) return json(404, { error: "Not found" });
    if (req.headers.authorization !== `OAuth ${apiKey}`)
      return json(401, { error: "Could not authenticate" });
    if (decodeURIComponent(m[1]!) !== pageId) return json(404, { error: "Page not found" });
    const [, , collection, id] = m;
    if (!collection) {
      if (req.method !== "GET") return json(405, { error: "Method not allowed" });
      return json(200, { id: pageId, name: pageName, url: `https://status.example.test`, time_zone: "UTC" });
    }
    if (req.method === "GET" && id === "unresolved")
      return json(200, incidents.filter((i) => !i.scheduled_for && i.status !== "resolved").map(shown));
    if (req.method === "GET" && id === "scheduled")
      return json(200, incidents.filter((i) => i.scheduled_for && i.status === "scheduled").map(shown));
    if (req.method === "GET" && id === "active_maintenance")
      return json(
        200,
        incidents
          .filter((i) => i.scheduled_for && ["in_progress", "verifying"].includes(i.status))
          .map(shown),
      );
    let incident:
      | {
          name?: unknown;
          status?: unknown;
          body?: unknown;
          scheduled_for?: unknown;
          scheduled_until?: unknown;
        }
      | undefined;
    try {
      incident = (JSON.parse(req.body || "{}") as { incident?: typeof incident }).incident;
    } catch {
      // answered below as Statuspage answers a body it cannot read
    }
    const existing = id ? incidents.find((i) => i.id === id) : undefined;
    const scheduled =
      req.method === "POST" ? incident?.scheduled_for !== undefined : !!existing?.scheduled_for;
    const allowed = scheduled ? MAINTENANCE_STATUSES : STATUSES;
    if (incident?.status !== undefined && !allowed.includes(String(incident.status)))
      return json(422, { error: ["status is not included in the list"] });
    const from = incident?.scheduled_for ?? existing?.scheduled_for;
    const until = incident?.scheduled_until ?? existing?.scheduled_until;
    if (scheduled && (Number.isNaN(Date.parse(String(from))) || Number.isNaN(Date.parse(String(until)))))
      return json(422, { error: ["scheduled_for and scheduled_until must be times"] });
    if (scheduled && Date.parse(String(until)) <= Date.parse(String(from)))
      return json(422, { error: ["scheduled_until must be after scheduled_for"] });
    if (req.method === "POST" && !id) {
      if (!incident || typeof incident.name !== "string" || !incident.name)
        return json(422, { error: ["name can't be blank"] });
      const created: FakeIncident = {
        id: randomBytes(6).toString("hex"),
        page_id: pageId,
        name: incident.name,
        status:
          typeof incident.status === "string" ? incident.status : scheduled ? "scheduled" : "investigating",
        body: typeof incident.body === "string" ? incident.body : "",
        created_at: new Date().toISOString(),
        scheduled_for: scheduled ? new Date(String(from)).toISOString() : null,
        scheduled_until: scheduled ? new Date(String(until)).toISOString() : null,
        impact: scheduled ? "maintenance" : "none",
        updates: [],
      };
      created.updates.push({ status: created.status, body: created.body });
      incidents.push(created);
      return json(201, shown(created));
    }
    if (req.method === "PATCH" && id) {
      const found = incidents.find((i) => i.id === id);
      if (!found) return json(404, { error: "Incident not found" });
      if (!incident) return json(422, { error: ["incident is missing"] });
      if (typeof incident.status === "string") found.status = incident.status;
      if (typeof incident.body === "string") found.body = incident.body;
      if (typeof incident.name === "string" && incident.name) found.name = incident.name;
      if (found.scheduled_for) {
        found.scheduled_for = new Date(String(from)).toISOString();
        found.scheduled_until = new Date(String(until)).toISOString();
      }
      found.updates.push({ status: found.status, body: found.body });
      return json(200, shown(found));
    }
    return json(405, { error: "Method not allowed" });
  });
  return { ...http, apiKey, pageId, pageName, incidents };
}
