import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getTemplate } from "@/lib/templates/list-templates";
import { listTemplateVersions } from "@/lib/templates/list-versions";
import { forPage } from "@/lib/http/page-interrupts";
import { countItems } from "@/lib/templates/definition";
import { DefinitionView } from "@/components/templates/definition-view";
import { VersionList } from "@/components/templates/version-list";
import { templateTrends } from "@/lib/audit/template-trends";
import { TemplateTrendsPanel } from "@/components/audit/template-trends";
import { ReminderPolicyLink } from "@/components/reminders/reminder-policy-link";

export const dynamic = "force-dynamic";

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ version?: string | string[]; rehearsals?: string | string[] }>;
}) {
  const { slug } = await params;
  const actor = await pageActor();
  const query = await searchParams;
  const asked = query.version;
  // Trends leave rehearsals out unless the page is asked for them.
  const includeRehearsals = query.rehearsals === "include";
  const version = typeof asked === "string" ? Number(asked) : undefined;
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) notFound();

  const t = await forPage(getTemplate({ actor, slug, version }));
  const versions = await forPage(listTemplateVersions({ actor, slug }));
  const latest = versions[0]?.version ?? t.version;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t.name}</h1>
        <span className="text-sm text-slate-600" data-testid="shown-version">
          v{t.version}
          {t.version === latest ? " (latest)" : ` (latest is v${latest})`} · {t.definition.sections.length}{" "}
          sections · {countItems(t.definition)} items · {t.team.name}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <a
            href={`/api/v1/templates/${t.slug}/markdown?version=${t.version}`}
            download
            className="rounded border border-slate-300 px-3 py-2 text-sm font-medium"
          >
            Export Markdown
          </a>
          {can(actor, "templates.write", t.team.id) && (
            <Link
              href={`/templates/${t.slug}/edit`}
              className="rounded border border-slate-300 px-3 py-2 text-sm font-medium"
            >
              Edit
            </Link>
          )}
          {can(actor, "runs.write", t.team.id) && (
            <Link
              href={`/runs/new?template=${t.slug}&version=${t.version}`}
              className="rounded border border-slate-300 px-3 py-2 text-sm font-medium"
            >
              Repeat as rehearsal (v{t.version})
            </Link>
          )}
          {can(actor, "runs.write") && (
            <Link
              href={`/runs/new?template=${t.slug}`}
              className="rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white"
            >
              Start a run
            </Link>
          )}
        </div>
      </div>
      <VersionList slug={t.slug} versions={versions} shown={t.version} />
      {can(actor, "audit.read", t.team.id) && (
        <>
          <TemplateTrendsPanel trends={await templateTrends({ actor, slug: t.slug, includeRehearsals })} />
          <Link
            href={`/templates/${t.slug}${includeRehearsals ? "" : "?rehearsals=include"}`}
            className="text-sm text-blue-700 underline"
          >
            {includeRehearsals ? "Trends without rehearsals" : "Trends with rehearsals included"}
          </Link>
        </>
      )}
      <ReminderPolicyLink slug={t.slug} />
      <DefinitionView def={t.definition} />
    </div>
  );
}
