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
