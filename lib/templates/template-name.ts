import type { TemplateDefinition } from "@/lib/templates/definition";

/** "Promote Changeset v{{changesetVersion}} To Production" → "Promote Changeset To Production". */
export function templateNameFrom(def: Pick<TemplateDefinition, "titlePattern">): string {
  const name = def.titlePattern
    .replace(/\S*\{\{[^}]+\}\}\S*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return name || "Untitled checklist";
}

export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || "template";
}

/**
 * The template a link item names: the one whose slug is the longest dash-bounded prefix
 * of the name's slug ("Changeset Failure Post Mortem Report for Changeset 4.3" →
 * changeset-failure-post-mortem).
 */
export function templateForLink<T extends { slug: string }>(linkTemplate: string, templates: T[]): T | null {
  const wanted = slugify(templateNameFrom({ titlePattern: linkTemplate }));
  const fits = templates.filter((t) => wanted === t.slug || wanted.startsWith(`${t.slug}-`));
  return fits.sort((a, b) => b.slug.length - a.slug.length)[0] ?? null;
}
