/** The events an endpoint may subscribe to, and which audit actions raise each. */
export const WEBHOOK_EVENTS = [
  "run.started",
  "item.changed",
  "decision.recorded",
  "run.result",
  "automation.finished",
  "run.closed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const BY_ACTION: Record<string, WebhookEvent> = {
  "run.created": "run.started",
  "item.ticked": "item.changed",
  "item.unticked": "item.changed",
  "item.started": "item.changed",
  "item.skipped": "item.changed",
  "item.recorded": "item.changed",
  "item.noted": "item.changed",
  "item.assigned": "item.changed",
  "decision.recorded": "decision.recorded",
  "decision.revised": "decision.recorded",
  "automation.succeeded": "automation.finished",
  "automation.failed": "automation.finished",
  "run.closed": "run.closed",
};

/**
 * The webhook events one audit event stands for. A change that sets the run's result (a
 * decision, a failed test, the success record) raises run.result besides its own event.
 */
export function eventsFor(action: string, payload: unknown): WebhookEvent[] {
  const out: WebhookEvent[] = [];
  const own = BY_ACTION[action];
  if (own) out.push(own);
  const result = (payload as { result?: unknown } | null)?.result;
  if (typeof result === "string" && result) out.push("run.result");
  return out;
}
