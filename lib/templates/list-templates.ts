import "server-only";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";

export async function listTemplates({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "templates.read");
  const templates = await db().template.findMany({
    orderBy: { name: "asc" },
    include: {
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true } },
    },
  });
  return templates.map((t) => ({
    slug: t.slug,
    name: t.name,
    builtIn: t.builtIn,
    latestVersion: t.versions[0]?.version ?? 0,
    updatedAt: t.versions[0]?.createdAt.toISOString() ?? t.createdAt.toISOString(),
  }));
}

/** A template with its latest (or a given) version's definition. */
export async function getTemplate({
  actor,
  slug,
  version,
}: {
  actor: Actor | null;
  slug: string;
  version?: number;
}) {
  requirePermission(actor, "templates.read");
  const template = await db().template.findUnique({
    where: { slug },
    include: {
      versions: {
        where: version ? { version } : {},
        orderBy: { version: "desc" },
        take: 1,
      },
    },
  });
  const v = template?.versions[0];
  if (!template || !v)
    throw new NotFoundError(`No template "${slug}"${version ? ` version ${version}` : ""}.`);
  return {
    slug: template.slug,
    name: template.name,
    builtIn: template.builtIn,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    sourceMarkdown: v.sourceMarkdown,
    definition: definitionSchema.parse(v.definition),
  };
}
