import "server-only";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { type Actor } from "@/lib/auth/permissions";
import { diffDefinitions, type DefinitionDiff } from "@/lib/templates/diff-definitions";
import { getTemplate } from "@/lib/templates/list-templates";

export type VersionDiff = DefinitionDiff & { slug: string; name: string; from: number; to: number };

/** What changed in a template from version `from` to version `to`, thing by thing. */
export async function diffTemplateVersions({
  actor,
  slug,
  from,
  to,
}: {
  actor: Actor | null;
  slug: string;
  from: number;
  to: number;
}): Promise<VersionDiff> {
  await requireTemplatePermission(actor, { slug }, "templates.read");
  const [before, after] = await Promise.all([
    getTemplate({ actor, slug, version: from }),
    getTemplate({ actor, slug, version: to }),
  ]);
  return {
    slug: after.slug,
    name: after.name,
    from: before.version,
    to: after.version,
    ...diffDefinitions(before.definition, after.definition),
  };
}
