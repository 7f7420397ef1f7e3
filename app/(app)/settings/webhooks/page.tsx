import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { NewWebhookForm } from "@/components/webhooks/new-webhook-form";
import { WebhookEndpointCard } from "@/components/webhooks/webhook-endpoint-card";

export const dynamic = "force-dynamic";
export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await pageActor();
  const endpoints = await forPage(listWebhookEndpoints({ actor }));
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-2xl text-sm text-slate-600">
          Runsheet POSTs JSON to these URLs when runs change. Each delivery is signed: the{" "}
          <code>Runsheet-Signature</code> header is <code>t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>, the
          HMAC-SHA256 of <code>t.body</code> with the endpoint&apos;s secret, and{" "}
          <code>Runsheet-Delivery</code> is a unique id. Failed deliveries are retried with growing delays for
          about 40 minutes.
        </p>
        <NewWebhookForm events={WEBHOOK_EVENTS} />
      </section>
      <section className="space-y-4">
        <h2 className="text-lg font-semibold">Endpoints</h2>
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600">No endpoints yet.</p>
        ) : (
          endpoints.map((e) => (
            <WebhookEndpointCard
              key={e.id}
              endpoint={{
                ...e,
                createdAt: e.createdAt.toISOString(),
                deliveries: e.deliveries.map((d) => ({
                  ...d,
                  createdAt: d.createdAt.toISOString(),
                  deliveredAt: d.deliveredAt?.toISOString() ?? null,
                  attemptsLog: d.attemptsLog.map((a) => ({ ...a, at: a.at.toISOString() })),
                })),
              }}
            />
          ))
        )}
      </section>
    </div>
  );
}
