import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { definitionSchema } from "@/lib/templates/definition";
import type { RunSummary } from "@/lib/acks/ack-view";

export const runSummaryInclude = {
  createdBy: { select: { name: true } },
  templateVersion: { select: { definition: true, template: { select: { name: true } } } },
  _count: { select: { sections: true } },
} as const;

type RunForSummary = Prisma.RunGetPayload<{ include: typeof runSummaryInclude }>;

/** What a subscriber is asked to acknowledge: enough to recognise the change, no more. */
export function toRunSummary(run: RunForSummary): RunSummary {
  const fields = run.fields as Record<string, string>;
  const defs = definitionSchema.shape.fields.parse(
    (run.templateVersion.definition as { fields?: unknown }).fields ?? [],
  );
  const valueOf = (match: (f: (typeof defs)[number]) => boolean) =>
    defs
      .filter(match)
      .map((f) => fields[f.key])
      .find((v) => !!v) ?? null;
  return {
    number: run.number,
    title: run.title,
    changesetVersion: valueOf((f) => f.type === "version"),
    // Templates name it in their own words; the seed records it as "Maintenance Window Date Time".
    maintenanceWindow: valueOf(
      (f) => /maintenance\s*window/i.test(f.label) || /maintenanceWindow/i.test(f.key),
    ),
    templateName: run.templateVersion.template.name,
    sections: run._count.sections,
    startedBy: run.createdBy.name,
    startedAt: run.createdAt.toISOString(),
  };
}
