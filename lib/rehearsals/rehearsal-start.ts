import "server-only";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { definitionSchema, walkItems } from "@/lib/templates/definition";
import { templateForLink } from "@/lib/templates/template-name";

/**
 * The version a run starts from: the latest, or for a rehearsal the one asked for, so a new
 * version can be tried before it is the one used. A version is refused by name (field
 * `templateVersion`), and so is a rehearsal of a checklist that only a link item starts
 * (field `rehearsal`): rehearsing it alone would skip the run that hands it its fields.
 */
export async function versionToStart(input: {
  templateId: string;
  templateSlug: string;
  rehearsal: boolean;
  templateVersion?: number;
  child: boolean;
}) {
  if (input.templateVersion !== undefined && !input.rehearsal)
    throw new ValidationError(
      "A run starts from the latest version; an earlier or newer one can be rehearsed.",
      {
        templateVersion: ["Only a rehearsal can start from a chosen version"],
      },
    );
  if (input.rehearsal && !input.child && (await isChildTemplate(input.templateSlug)))
    throw new ValidationError(
      "This checklist is started from another run's link item; rehearse that run instead.",
      {
        rehearsal: ["A child checklist is rehearsed through the run that creates it"],
      },
    );
  const version = await db().templateVersion.findFirst({
    where: {
      templateId: input.templateId,
      ...(input.templateVersion !== undefined ? { version: input.templateVersion } : {}),
    },
    orderBy: { version: "desc" },
  });
  if (!version && input.templateVersion !== undefined)
    throw new ValidationError(`There is no version ${input.templateVersion} of this template.`, {
      templateVersion: [`No version ${input.templateVersion}`],
    });
  return version;
}

/** A template that a link item of another template's latest version names (the Blue-side tests, the post-mortem). */
export async function isChildTemplate(slug: string): Promise<boolean> {
  const templates = await db().template.findMany({
    select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: { definition: true } } },
  });
  for (const t of templates.filter((x) => x.slug !== slug)) {
    const parsed = definitionSchema.safeParse(t.versions[0]?.definition);
    if (!parsed.success) continue;
    for (const { item } of walkItems(parsed.data)) {
      if (
        item.kind === "link" &&
        item.linkTemplate &&
        templateForLink(item.linkTemplate, templates)?.slug === slug
      )
        return true;
    }
  }
  return false;
}
