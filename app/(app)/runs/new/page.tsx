import { pageActor } from "@/lib/auth/session";
import { getTemplate } from "@/lib/templates/list-templates";
import { forPage } from "@/lib/http/page-interrupts";
import { NewRunForm } from "@/components/runs/new-run-form";
import { renderTokens } from "@/lib/templates/render-tokens";
import { startFields } from "@/lib/templates/field-values";

export const metadata = { title: "Start a run" };

export default async function NewRunPage({
  searchParams,
}: {
  searchParams: Promise<{ template?: string; version?: string; rehearsal?: string }>;
}) {
  const { template: slug = "promote-changeset-to-production", ...query } = await searchParams;
  // "Repeat as rehearsal" from a template version: that version, rehearsed.
  const version = query.version && /^\d{1,9}$/.test(query.version) ? Number(query.version) : undefined;
  const template = await forPage(getTemplate({ actor: await pageActor(), slug, version }));
  const fields = startFields(template.definition.fields);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {version !== undefined ? "Rehearse" : "Start"}: {template.name}
      </h1>
      <p className="text-sm text-slate-600">
        Template version {template.version}. The run will be titled like “
        {renderTokens(template.definition.titlePattern, {})}”, with the fields below filled in.
      </p>
      <NewRunForm
        templateSlug={template.slug}
        fields={fields}
        ackGroups={template.definition.ackGroups.map(({ key, name }) => ({ key, name }))}
        rehearsal={query.rehearsal === "1"}
        rehearsalOfVersion={version}
      />
    </div>
  );
}
