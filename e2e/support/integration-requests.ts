import { E2E_INTEGRATIONS_PORT } from "./ports";

/** What the fakes received: the production Slack webhook, the rehearsal one, the payments team's and the status page. */
export type IntegrationRequests = {
  slack: { path: string; body: string }[];
  rehearsalSlack: { path: string; body: string }[];
  /** The demo payments team's own Slack webhook. */
  paymentsSlack: { path: string; body: string }[];
  statuspage: { method: string; path: string; body: string }[];
};

/** Everything the Slack and Statuspage fakes have received so far in this end-to-end run. */
export async function integrationRequests(): Promise<IntegrationRequests> {
  const res = await fetch(`http://127.0.0.1:${E2E_INTEGRATIONS_PORT}/requests`);
  if (!res.ok) throw new Error(`integration fakes answered ${res.status}`);
  return res.json();
}
