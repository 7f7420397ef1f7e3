import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { listIntegrationTargets } from "@/lib/notify/integration-targets";
import { IntegrationTargetCard } from "@/components/settings/integration-target-card";
import { AwsStatus } from "@/components/settings/aws-status";
import { awsSettingsStatus } from "@/lib/aws/aws-settings-status";

export const dynamic = "force-dynamic";
export const metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const actor = await pageActor();
  const [targets, aws] = await Promise.all([
    forPage(listIntegrationTargets({ actor })),
    forPage(awsSettingsStatus({ actor })),
  ]);
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The email lists, Slack channels and status pages that the templates’ announcements name. Secrets
          stay in the server’s environment: a Slack webhook URL in the variable named here, the Statuspage key
          in <code>STATUSPAGE_API_KEY</code>, mail through <code>SMTP_URL</code>. This page shows only whether
          they are set.
        </p>
      </section>
      <section className="space-y-3" aria-labelledby="channels-heading">
        <h2 id="channels-heading" className="text-lg font-semibold">
          Announcement channels
        </h2>
        {targets.length === 0 ? (
          <p className="text-sm text-slate-600">No template names a channel yet.</p>
        ) : (
          <ul className="space-y-3">
            {targets.map((t) => (
              <IntegrationTargetCard key={`${t.channel}:${t.name}`} target={t} />
            ))}
          </ul>
        )}
      </section>
      <AwsStatus check={aws} />
    </div>
  );
}
