"use client";

import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  redeliverWebhookAction,
  setWebhookEndpointActiveAction,
} from "@/app/(app)/settings/webhooks/actions";

type Attempt = { at: string; responseStatus: number | null; durationMs: number; error: string | null };
type Delivery = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  redeliveryOfId: string | null;
  attemptsLog: Attempt[];
};
export type EndpointView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: string;
  deliveries: Delivery[];
};

const utc = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** One endpoint: its events, on/off, and the delivery log with every attempt and a Redeliver button. */
export function WebhookEndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      const res = await fn();
      setError(res.ok ? null : (res.error ?? "That did not work."));
    });
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="webhook-endpoint"
    >
      <header className="flex flex-wrap items-center gap-3">
        <code className="break-all font-medium">{endpoint.url}</code>
        <span className={endpoint.active ? "text-green-800" : "text-slate-600"}>
          {endpoint.active ? "active" : "disabled"}
        </span>
        <button
          type="button"
          disabled={pending}
          className="rounded border border-slate-300 px-2 py-0.5"
          onClick={() =>
            run(() => setWebhookEndpointActiveAction({ endpointId: endpoint.id, active: !endpoint.active }))
          }
        >
          {endpoint.active ? "Disable" : "Enable"}
        </button>
      </header>
      {endpoint.description && <p className="text-slate-600">{endpoint.description}</p>}
      <p className="text-slate-600">Events: {endpoint.events.join(", ")}</p>
      <FormError error={error} />
      <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
        <table className="w-full border-collapse" data-testid="webhook-deliveries">
          <caption className="text-left font-medium">Recent deliveries</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th className="py-1 pr-3">Event</th>
              <th className="pr-3">Delivery</th>
              <th className="pr-3">Status</th>
              <th className="pr-3">Attempts (answer, duration)</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoint.deliveries.map((d) => (
              <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="webhook-delivery">
                <td className="py-1 pr-3">
                  <code>{d.event}</code>
                  {d.redeliveryOfId && <span className="block text-slate-600">redelivery</span>}
                </td>
                <td className="pr-3 font-mono text-xs break-all">{d.id}</td>
                <td className="pr-3">{d.status}</td>
                <td className="pr-3">
                  <ol className="space-y-0.5">
                    {d.attemptsLog.map((a, i) => (
                      <li key={i}>
                        {utc(a.at)}: {a.responseStatus ?? "no answer"}
                        {a.error ? ` (${a.error})` : ""}, {a.durationMs} ms
                      </li>
                    ))}
                  </ol>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={pending || !endpoint.active}
                    className="rounded border border-slate-300 px-2 py-0.5"
                    onClick={() => run(() => redeliverWebhookAction({ deliveryId: d.id }))}
                  >
                    Redeliver
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
