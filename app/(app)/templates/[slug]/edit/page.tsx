import { pageActor } from "@/lib/auth/session";
import { requirePermission } from "@/lib/auth/permissions";
import { forPage } from "@/lib/http/page-interrupts";
import { getTemplate } from "@/lib/templates/list-templates";
import { EditTemplateForm } from "@/components/templates/edit-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit a template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await pageActor();
  await forPage(() => requirePermission(actor, "templates.write"));
  const t = await forPage(getTemplate({ actor, slug }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Edit {t.name}</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        Saving a change adds version {t.version + 1}. Runs already started keep the version they started from.
      </p>
      <EditTemplateForm slug={t.slug} name={t.name} version={t.version} markdown={t.sourceMarkdown} />
    </div>
  );
}
