import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { templateReadScope } from "@/lib/runs/read-scope";
import { definitionSchema, walkItems } from "@/lib/templates/definition";
import { slugify, templateNameFrom } from "@/lib/templates/template-name";

/**
 * The templates a run is started from directly: every template except those another
 * template's link items create as child checklists (they are started from their parent's
 * item, pre-filled from it). Matches link names to slugs as `resolveLinkTemplate` does.
 */
export async function listStartableTemplates({ actor, team }: { actor: Actor | null; team?: string }) {
  const templates = await db().template.findMany({
    where: { ...templateReadScope(actor), ...(team ? { team: { slug: team } } : {}) },
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      teamId: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { definition: true } },
    },
  });
  const linked = new Set<string>();
  for (const t of templates) {
    const def = definitionSchema.safeParse(t.versions[0]?.definition);
    if (!def.success) continue;
    for (const { item } of walkItems(def.data)) {
      if (!item.linkTemplate) continue;
      const wanted = slugify(templateNameFrom({ titlePattern: item.linkTemplate }));
      const child = templates
        .filter((c) => c.teamId === t.teamId && (wanted === c.slug || wanted.startsWith(`${c.slug}-`)))
        .sort((a, b) => b.slug.length - a.slug.length)[0];
      if (child && child.slug !== t.slug) linked.add(child.slug);
    }
  }
  return templates.filter((t) => !linked.has(t.slug)).map((t) => ({ slug: t.slug, name: t.name }));
}
