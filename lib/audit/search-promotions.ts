import "server-only";
import { runReadScope } from "@/lib/runs/read-scope";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ValidationError } from "@/lib/errors";
import { definitionSchema } from "@/lib/templates/definition";
import { promotionFilterSchema, type PromotionFilter } from "@/lib/audit/promotion-filter";
import { toCsv } from "@/lib/audit/evidence-csv";
import { parseInput } from "@/lib/validation/parse-input";

/** A page of the list; the API may ask for up to MAX_PAGE. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

export type PromotionRow = {
  number: number;
  title: string;
  rehearsal: boolean;
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
export type PromotionPage = {
  filter: PromotionFilter;
  rows: PromotionRow[];
  /** How many runs match the filters in all. */
  total: number;
  /** Opaque: pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};

export async function searchPromotions({
  actor: maybeActor,
  filter: raw = {},
  page = {},
}: {
  actor: Actor | null;
  /** The filters as sent (query parameters or form fields), checked here. */
  filter?: unknown;
  page?: { cursor?: string | null; limit?: number };
}): Promise<PromotionPage> {
  const reader = requirePermission(maybeActor, "runs.read");
  const f = parseFilter(raw);
  const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? DEFAULT_PAGE)), MAX_PAGE);
  const after = decodeCursor(page.cursor);
  const where = await promotionWhere(f, reader);
  const [rows, total] = await Promise.all([pageOfRows(where, after, limit + 1), db().run.count({ where })]);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  return {
    filter: f,
    rows: shown,
    total,
    nextCursor: more ? encodeCursor(shown[shown.length - 1]!.number) : null,
  };
}

/**
 * Every matching run as CSV, fetched a page at a time so memory stays flat however many
 * rows match (a year of promotions for an auditor).
 */
export function streamPromotionsCsv({
  actor: maybeActor,
  filter: raw = {},
}: {
  actor: Actor | null;
  filter?: unknown;
}): ReadableStream<Uint8Array> {
  const reader = requirePermission(maybeActor, "runs.read");
  const f = parseFilter(raw);
  const encoder = new TextEncoder();
  let where: Prisma.RunWhereInput | undefined;
  let after: number | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      where ??= await promotionWhere(f, reader);
      const rows = await pageOfRows(where, after, MAX_PAGE);
      const csv = promotionsCsv(rows);
      // Each page's CSV starts with the header line; only the first keeps it.
      const body = headerSent ? csv.slice(csv.indexOf("\r\n") + 2) : csv;
      headerSent = true;
      if (body) controller.enqueue(encoder.encode(body));
      if (rows.length < MAX_PAGE) controller.close();
      else after = rows[rows.length - 1]!.number;
    },
  });
}

function parseFilter(raw: unknown): PromotionFilter {
  return parseInput(promotionFilterSchema, raw, "The filters are not valid.");
}

/** Cursors are opaque to callers; inside, the number of the last run shown (the list is newest first). */
function encodeCursor(number: number): string {
  return Buffer.from(JSON.stringify({ n: number })).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  try {
    const n = (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { n?: unknown }).n;
    if (typeof n === "number" && Number.isSafeInteger(n) && n > 0) return n;
  } catch {
    // fall through
  }
  throw new ValidationError("That cursor is not one this list gave out.", { cursor: ["Not a valid cursor"] });
}

async function promotionWhere(f: PromotionFilter, reader: Actor): Promise<Prisma.RunWhereInput> {
  // Only the teams the reader may see, whatever the filter names.
  const and: Prisma.RunWhereInput[] = [runReadScope(reader)];
  if (f.team) and.push({ team: { slug: f.team } });
  if (f.template) and.push({ templateVersion: { template: { slug: f.template } } });
  if (f.result === "none") and.push({ result: null });
  else if (f.result) and.push({ result: f.result });
  if (f.status) and.push({ status: f.status });
  if (f.rehearsals !== "include") and.push({ rehearsal: f.rehearsals === "only" });
  if (f.from || f.to) {
    const range = {
      ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
      ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}),
    };
    and.push({ OR: [{ windowStart: range }, { windowStart: null, createdAt: range }] });
  }
  if (f.version) {
    // Any field holding exactly this value: the version field's key differs per template, and
    // templates are few, so one JSON path condition per field key any template has.
    const keys = await db().$queryRaw<{ key: string }[]>`
      SELECT DISTINCT f->>'key' AS key FROM template_versions, jsonb_array_elements(definition->'fields') AS f`;
    and.push({
      OR: [{ id: { in: [] } }, ...keys.map((k) => ({ fields: { path: [k.key], equals: f.version } }))],
    });
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
  return { AND: and };
}

async function pageOfRows(
  where: Prisma.RunWhereInput,
  after: number | null,
  take: number,
): Promise<PromotionRow[]> {
  const runs = await db().run.findMany({
    where: after === null ? where : { AND: [where, { number: { lt: after } }] },
    orderBy: { number: "desc" },
    take,
    select: {
      id: true,
      number: true,
      title: true,
      rehearsal: true,
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
  const versionKeys = await versionFieldKeys([...new Set(runs.map((r) => r.templateVersionId))]);
  const done = await db().runItem.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((r) => r.id) }, state: { in: ["done", "skipped"] } },
    _count: { _all: true },
  });
  const doneBy = new Map(done.map((d) => [d.runId, d._count._all]));
  return runs.map((r) => {
    const key = versionKeys.get(r.templateVersionId);
    const fields = r.fields as Record<string, string>;
    return {
      number: r.number,
      title: r.title,
      rehearsal: r.rehearsal,
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
  });
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
      "rehearsal",
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
      r.rehearsal ? "yes" : "no",
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
