import "server-only";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { promotionFilterSchema, type PromotionFilter } from "@/lib/audit/promotion-filter";
import { toCsv } from "@/lib/audit/evidence-csv";

export const PROMOTIONS_LIMIT = 500;

export type PromotionRow = {
  number: number;
  title: string;
  template: string;
  templateSlug: string;
  /** The run's first version-typed field, e.g. the changeset version. */
  version: string | null;
  status: "open" | "closed";
  result: string | null;
  windowStart: string | null;
  createdAt: string;
  closedAt: string | null;
  createdBy: string;
  done: number;
  total: number;
};

/**
 * Runs matching an auditor's filters, newest first. The date range applies to the
 * maintenance window's start, or to when the run was created if it has no window.
 * `person` is a handle: who created the run or ticked any of its items.
 */
export async function searchPromotions(
  maybeActor: Actor | null,
  raw: unknown,
): Promise<{ filter: PromotionFilter; rows: PromotionRow[]; truncated: boolean }> {
  requirePermission(maybeActor, "runs.read");
  const parsed = promotionFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.join(".") || "_"] ??= []).push(i.message);
    throw new ValidationError("The filters are not valid.", fieldErrors);
  }
  const f = parsed.data;
  const and: Prisma.RunWhereInput[] = [];
  if (f.template) and.push({ templateVersion: { template: { slug: f.template } } });
  if (f.result === "none") and.push({ result: null });
  else if (f.result) and.push({ result: f.result });
  if (f.status) and.push({ status: f.status });
  if (f.from || f.to) {
    const range = {
      ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
      ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}),
    };
    and.push({ OR: [{ windowStart: range }, { windowStart: null, createdAt: range }] });
  }
  if (f.version) {
    // Any field holding exactly this value: the version field's key differs per template.
    const ids = await db().$queryRaw<{ id: string }[]>`
      SELECT id FROM runs WHERE EXISTS (SELECT 1 FROM jsonb_each_text(fields) WHERE value = ${f.version})`;
    and.push({ id: { in: ids.map((r) => r.id) } });
  }
  if (f.person) {
    const handle = { equals: f.person, mode: "insensitive" as const };
    and.push({ OR: [{ createdBy: { handle } }, { items: { some: { doneBy: { handle } } } }] });
  }
  if (f.q) {
    const contains = { contains: f.q, mode: "insensitive" as const };
    and.push({
      OR: [
        { title: contains },
        { items: { some: { note: contains } } },
        { decisions: { some: { rationale: contains } } },
      ],
    });
  }
  const runs = await db().run.findMany({
    where: { AND: and },
    orderBy: { number: "desc" },
    take: PROMOTIONS_LIMIT + 1,
    select: {
      id: true,
      number: true,
      title: true,
      fields: true,
      status: true,
      result: true,
      windowStart: true,
      createdAt: true,
      closedAt: true,
      templateVersionId: true,
      createdBy: { select: { handle: true } },
      templateVersion: { select: { template: { select: { name: true, slug: true } } } },
      _count: { select: { items: { where: { state: { not: "not_taken" } } } } },
    },
  });
  const truncated = runs.length > PROMOTIONS_LIMIT;
  const page = runs.slice(0, PROMOTIONS_LIMIT);
  const versionKeys = await versionFieldKeys([...new Set(page.map((r) => r.templateVersionId))]);
  const done = await db().runItem.groupBy({
    by: ["runId"],
    where: { runId: { in: page.map((r) => r.id) }, state: { in: ["done", "skipped"] } },
    _count: { _all: true },
  });
  const doneBy = new Map(done.map((d) => [d.runId, d._count._all]));
  return {
    filter: f,
    truncated,
    rows: page.map((r) => {
      const key = versionKeys.get(r.templateVersionId);
      const fields = r.fields as Record<string, string>;
      return {
        number: r.number,
        title: r.title,
        template: r.templateVersion.template.name,
        templateSlug: r.templateVersion.template.slug,
        version: key ? (fields[key] ?? null) : null,
        status: r.status,
        result: r.result,
        windowStart: r.windowStart?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        closedAt: r.closedAt?.toISOString() ?? null,
        createdBy: r.createdBy.handle,
        done: doneBy.get(r.id) ?? 0,
        total: r._count.items,
      };
    }),
  };
}

async function versionFieldKeys(templateVersionIds: string[]): Promise<Map<string, string>> {
  const versions = await db().templateVersion.findMany({
    where: { id: { in: templateVersionIds } },
    select: { id: true, definition: true },
  });
  const out = new Map<string, string>();
  for (const v of versions) {
    const { fields } = definitionSchema.pick({ fields: true }).parse(v.definition);
    const field = fields.find((x) => x.type === "version");
    if (field) out.set(v.id, field.key);
  }
  return out;
}

export function promotionsCsv(rows: PromotionRow[]): string {
  return toCsv(
    [
      "number",
      "title",
      "template",
      "version",
      "status",
      "result",
      "window_start",
      "created_at",
      "closed_at",
      "created_by",
      "done",
      "total",
    ],
    rows.map((r) => [
      r.number,
      r.title,
      r.template,
      r.version ?? "",
      r.status,
      r.result ?? "",
      r.windowStart ?? "",
      r.createdAt,
      r.closedAt ?? "",
      r.createdBy,
      r.done,
      r.total,
    ]),
  );
}
