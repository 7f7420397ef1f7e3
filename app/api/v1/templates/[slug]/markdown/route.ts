import { apiRoute } from "@/lib/http/api-route";
import { ValidationError } from "@/lib/errors";
import { exportTemplateMarkdown } from "@/lib/templates/export-markdown";
import { getTemplate } from "@/lib/templates/list-templates";

/** The template (latest, or `?version=N`) written back as a GitLab issue template. */
export const GET = apiRoute(async (req, { params }: { params: Promise<{ slug: string }> }, actor) => {
  const { slug } = await params;
  const asked = new URL(req.url).searchParams.get("version");
  const version = asked === null ? undefined : Number(asked);
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
    throw new ValidationError("version must be a positive whole number.");
  }
  const template = await getTemplate({ actor, slug, version });
  return new Response(exportTemplateMarkdown(template.definition), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${template.slug}-v${template.version}.md"`,
      "cache-control": "no-store",
    },
  });
});
