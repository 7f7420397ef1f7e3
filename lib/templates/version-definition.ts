import "server-only";
import { LRUCache } from "lru-cache";
import type { Tx, Db } from "@/lib/db";
import { definitionSchema, type TemplateDefinition } from "@/lib/templates/definition";

/**
 * A template version never changes (docs/decisions/0008), so its parsed definition is read
 * and validated once per process rather than on every change of every run made from it: a
 * 1,000-item definition is most of the work of a tick otherwise.
 */
const cache = new LRUCache<string, TemplateDefinition>({ max: 200 });

export async function versionDefinition(client: Tx | Db, versionId: string): Promise<TemplateDefinition> {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const version = await client.templateVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { definition: true },
  });
  const definition = definitionSchema.parse(version.definition);
  cache.set(versionId, definition);
  return definition;
}

/** For callers that have the stored JSON already (a page that loaded the version with its run). */
export function parsedDefinition(versionId: string, stored: unknown): TemplateDefinition {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const definition = definitionSchema.parse(stored);
  cache.set(versionId, definition);
  return definition;
}
