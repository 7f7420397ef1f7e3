import { randomBytes } from "node:crypto";
import { startFakeHttp, type FakeHttp } from "./fake-http";

export type FakeIncident = { id: string; page_id: string; name: string; status: string; body: string };

export type StatuspageFake = FakeHttp & {
  apiKey: string;
  pageId: string;
  incidents: FakeIncident[];
};

/**
 * Answers POST /v1/pages/:page_id/incidents like Atlassian Statuspage: 401 without the
 * right `Authorization: OAuth <key>`, 404 for another page, 201 with the incident otherwise.
 */
export async function startStatuspageFake({
  apiKey = "fake-statuspage-key",
  pageId = "andromedapage1",
} = {}): Promise<StatuspageFake> {
  const incidents: FakeIncident[] = [];
  const json = (status: number, body: unknown) => ({
    status,
    body: JSON.stringify(body),
    contentType: "application/json",
  });
  const http = await startFakeHttp((req) => {
    const m = /^\/v1\/pages\/([^/]+)\/incidents$/.exec(req.path);
    if (req.method !== "POST" || !m) return json(404, { error: "Not found" });
    if (req.headers.authorization !== `OAuth ${apiKey}`)
      return json(401, { error: "Could not authenticate" });
    if (decodeURIComponent(m[1]!) !== pageId) return json(404, { error: "Page not found" });
    let incident: { name?: unknown; status?: unknown; body?: unknown } | undefined;
    try {
      incident = (JSON.parse(req.body) as { incident?: typeof incident }).incident;
    } catch {
      // answered below as Statuspage answers a body it cannot read
    }
    if (!incident || typeof incident.name !== "string" || !incident.name)
      return json(422, { error: ["name can't be blank"] });
    const created: FakeIncident = {
      id: randomBytes(6).toString("hex"),
      page_id: pageId,
      name: incident.name,
      status: typeof incident.status === "string" ? incident.status : "investigating",
      body: typeof incident.body === "string" ? incident.body : "",
    };
    incidents.push(created);
    return json(201, {
      ...created,
      shortlink: `https://stspg.io/${created.id}`,
      created_at: new Date().toISOString(),
      incident_updates: [{ status: created.status, body: created.body }],
    });
  });
  return { ...http, apiKey, pageId, incidents };
}
