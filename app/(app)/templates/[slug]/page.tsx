import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getTemplate } from "@/lib/templates/list-templates";
import { forPage } from "@/lib/http/page-interrupts";
import { countItems } from "@/lib/templates/definition";
import { DefinitionView } from "@/components/templates/definition-view";

export const dynamic = "force-dynamic";

export default async function TemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await pageActor();
  const t = await forPage(getTemplate(actor, slug));
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold">{t.name}</h1>
        <span className="text-sm text-slate-600">
          v{t.version} · {t.definition.sections.length} sections · {countItems(t.definition)} items
        </span>
        {can(actor, "runs.write") && (
          <Link
            href={`/runs/new?template=${t.slug}`}
            className="ml-auto rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            Start a run
          </Link>
        )}
      </div>
      <DefinitionView def={t.definition} />
    </div>
  );
}
