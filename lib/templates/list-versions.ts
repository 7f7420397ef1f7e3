import "server-only";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { countItems, definitionSchema } from "@/lib/templates/definition";

export type TemplateVersionSummary = {
  version: number;
  createdAt: string;
  /** Who imported it; null for the seed and the command line. */
  createdBy: string | null;
  sourceSha256: string;
  sections: number;
  items: number;
};

/** Every version of a template, newest first. */
export async function listTemplateVersions({
  actor,
  slug,
}: {
  actor: Actor | null;
  slug: string;
}): Promise<TemplateVersionSummary[]> {
  await requireTemplatePermission(actor, { slug }, "templates.read");
  const template = await db().template.findUnique({
    where: { slug },
    include: {
      versions: {
        orderBy: { version: "desc" },
        select: { version: true, createdAt: true, createdById: true, sourceSha256: true, definition: true },
      },
    },
  });
  if (!template) throw new NotFoundError(`No template "${slug}".`);
  // Versions keep who imported them by id only, so a removed user leaves no dangling link.
  const ids = [...new Set(template.versions.flatMap((v) => v.createdById ?? []))];
  const users = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return template.versions.map((v) => {
    const def = definitionSchema.parse(v.definition);
    return {
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdById ? (nameOf.get(v.createdById) ?? null) : null,
      sourceSha256: v.sourceSha256,
      sections: def.sections.length,
      items: countItems(def),
    };
  });
}
