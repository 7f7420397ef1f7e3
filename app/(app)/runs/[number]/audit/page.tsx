import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { forPage } from "@/lib/http/page-interrupts";
import { getRunAudit } from "@/lib/audit/get-run-audit";
import { buildTimeline } from "@/lib/audit/timeline";
import { RunTimelineChart } from "@/components/audit/run-timeline-chart";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { AuditItemsTable } from "@/components/audit/audit-items-table";
import { SignedPlans } from "@/components/audit/signed-plans";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { utcStamp } from "@/lib/audit/evidence-format";
import { AuditAcknowledgements, AuditDecisions } from "./audit-sections";

export const dynamic = "force-dynamic";

export default async function RunAuditPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const n = Number(number);
  if (!Number.isSafeInteger(n) || n < 1) notFound();
  const actor = await pageActor();
  const audit = await forPage(getRunAudit({ actor, number: n }));
  const { run, roster } = audit;
  const exportHref = (format: string) => `/api/v1/runs/${run.number}/export?format=${format}`;
  return (
    <article className="audit-view space-y-6 text-sm">
      <header className="space-y-2">
        <p className="no-print">
          <Link href={`/runs/${run.number}`} className="text-blue-700 underline">
            ← Back to the run
          </Link>
        </p>
        <h1 className="text-xl font-semibold" data-testid="audit-title">
          Audit of #{run.number} {run.title}
        </h1>
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] break-words gap-x-4 gap-y-1">
          <dt className="text-slate-600">Template</dt>
          <dd>
            {run.templateName} v{run.templateVersion}
          </dd>
          {run.fieldDefs.map((f) => (
            <div key={f.key} className="contents">
              <dt className="text-slate-600">{f.label}</dt>
              <dd>{run.fields[f.key] || "—"}</dd>
            </div>
          ))}
          <dt className="text-slate-600">Result</dt>
          <dd data-testid="audit-result">{run.result ?? "not recorded"}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd>{run.status}</dd>
          <dt className="text-slate-600">Started</dt>
          <dd>
            {utcStamp(run.createdAt)} by @{run.createdBy.handle}
          </dd>
          {run.closedAt && (
            <>
              <dt className="text-slate-600">Closed</dt>
              <dd>{utcStamp(run.closedAt)}</dd>
            </>
          )}
          <dt className="text-slate-600">Window</dt>
          <dd>
            {run.window
              ? `${utcStamp(run.window.start)} – ${utcStamp(run.window.end) || "open"} (planned in ${run.window.timeZone})`
              : "not set"}
          </dd>
          <dt className="text-slate-600">Completers</dt>
          <dd>{run.assignees.map((a) => `@${a.handle}`).join(", ") || "—"}</dd>
        </dl>
        <div className="no-print flex flex-wrap items-center gap-3">
          <VerifyChainButton runId={run.id} />
          {can(actor, "audit.export") && (
            <span className="flex gap-3" data-testid="exports">
              <a className="text-blue-700 underline" href={exportHref("md")} download>
                Markdown
              </a>
              <a className="text-blue-700 underline" href={exportHref("json")} download>
                JSON evidence
              </a>
              <a className="text-blue-700 underline" href={exportHref("csv")} download>
                Items CSV
              </a>
            </span>
          )}
        </div>
      </header>

      <AuditDecisions decisions={run.decisions} />

      <AuditAcknowledgements roster={roster} />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Timeline</h2>
        <RunTimelineChart timeline={buildTimeline(run)} />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Items</h2>
        <AuditItemsTable audit={audit} />
      </section>

      <SignedPlans plans={audit.signedPlans} />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Audit log ({audit.events.length} events)</h2>
        <AuditLogTable audit={audit} />
      </section>
    </article>
  );
}
