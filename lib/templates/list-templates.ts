import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { templateReadScope } from "@/lib/runs/read-scope";
import { NotFoundError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";

export async function listTemplates({ actor, team }: { actor: Actor | null; team?: string }) {
  const templates = await db().template.findMany({
    where: { ...templateReadScope(actor), ...(team ? { team: { slug: team } } : {}) },
    orderBy: { name: "asc" },
    include: {
      team: { select: { slug: true, name: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true } },
    },
  });
  return templates.map((t) => ({
    slug: t.slug,
    name: t.name,
    builtIn: t.builtIn,
    team: t.team,
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
  const template = await db().template.findFirst({
    where: { slug, ...templateReadScope(actor) },
    include: {
      team: { select: { id: true, slug: true, name: true } },
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
    team: template.team,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    sourceMarkdown: v.sourceMarkdown,
    definition: definitionSchema.parse(v.definition),
  };
}
