import { ImportForm } from "@/components/templates/import-form";
import { pageActor } from "@/lib/auth/session";
import { requirePermission } from "@/lib/auth/permissions";
import { forPage } from "@/lib/http/page-interrupts";

export const metadata = { title: "Import a template" };

export default async function ImportTemplatePage() {
  const actor = await pageActor();
  await forPage(() => requirePermission(actor, "templates.write"));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Import a template</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        Upload a Markdown checklist such as a GitLab issue template. Placeholders become fields, headings
        become phases with their timing, name lists become acknowledgement groups, and everything else the
        template says is kept with its item or section. You see a preview first and can set each item&apos;s
        kind and each field&apos;s type; nothing is stored until you save. Importing a template that already
        exists adds a new version; runs keep the version they started from.
      </p>
      <ImportForm />
    </div>
  );
}
