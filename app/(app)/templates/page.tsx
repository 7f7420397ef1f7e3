import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/templates/list-templates";
import { forPage } from "@/lib/http/page-interrupts";
import { LocalTime } from "@/components/ui/local-time";
import { chosenTeam } from "@/lib/teams/chosen-team";

export const dynamic = "force-dynamic";
export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await pageActor();
  const team = (await chosenTeam(actor)).chosen;
  const templates = await forPage(listTemplates({ actor, team: team?.slug }));
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Templates</h1>
        {can(actor, "templates.write") && (
          <Link
            href="/templates/import"
            className="rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            Import a template
          </Link>
        )}
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {templates.map((t) => (
          <li key={t.slug} className="flex items-center gap-4 px-4 py-3">
            <Link href={`/templates/${t.slug}`} className="font-medium text-blue-700 hover:underline">
              {t.name}
            </Link>
            {t.builtIn && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">built-in</span>}
            <span className="ml-auto text-sm text-slate-600">
              {t.team.name} · v{t.latestVersion} · <LocalTime iso={t.updatedAt} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
