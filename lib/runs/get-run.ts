import "server-only";
import { db } from "@/lib/db";
import { PERMISSIONS, type Actor } from "@/lib/auth/permissions";
import { runReadScope } from "@/lib/runs/read-scope";
import { NotFoundError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import type { RunView } from "@/lib/runs/run-view";
import { itemViewInclude, personSelect, toItemView } from "@/lib/runs/item-view";

export async function getRunView(maybeActor: Actor | null, number: number): Promise<RunView> {
  const scope = runReadScope(maybeActor);
  const run = await db().run.findFirst({
    where: { number, ...scope },
    include: {
      createdBy: personSelect,
      assignees: { include: { user: personSelect }, orderBy: { createdAt: "asc" } },
      templateVersion: { include: { template: true } },
      sections: { orderBy: { position: "asc" } },
      items: {
        orderBy: { position: "asc" },
        include: itemViewInclude,
      },
    },
  });
  if (!run) throw new NotFoundError(`Run #${number} does not exist.`);
  const people = await db().user.findMany({
    where: { active: true, role: { in: [...PERMISSIONS["runs.write"]] } },
    select: { id: true, name: true, handle: true },
    orderBy: { name: "asc" },
  });
  const def = definitionSchema.parse(run.templateVersion.definition);
  return {
    id: run.id,
    number: run.number,
    title: run.title,
    status: run.status,
    templateName: run.templateVersion.template.name,
    templateVersion: run.templateVersion.version,
    fields: run.fields as Record<string, string>,
    fieldDefs: def.fields,
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdBy,
    assignees: run.assignees.map((a) => a.user),
    sections: run.sections.map((s) => ({
      id: s.id,
      key: s.key,
      position: s.position,
      title: s.title,
      offsetMinutes: s.offsetMinutes,
      offsetLabel: s.offsetLabel,
      branch: s.branch,
    })),
    items: run.items.map(toItemView),
    people,
  };
}
