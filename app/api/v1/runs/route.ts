import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { ValidationError } from "@/lib/errors";
import { filterInput } from "@/lib/audit/promotion-filter";
import { MAX_PAGE, searchPromotions, streamPromotionsCsv } from "@/lib/audit/search-promotions";
import { apiOperation } from "@/lib/api/operation";
import { startRun } from "@/lib/api/operations/run-operations";
import { createRun } from "@/lib/runs/create-run";
import { getRunView } from "@/lib/runs/get-run-view";
import { sendAckRequestsAfter } from "@/lib/acks/send-ack-requests-after";

/**
 * The promotions list with the /promotions filters, a page at a time (`limit`, at most 500,
 * and the opaque `cursor` from the previous page, also in the Link header); `?format=csv`
 * streams every matching row.
 */
export const GET = apiRoute(async (req, _ctx: unknown, actor) => {
  const params = new URL(req.url).searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new ValidationError("format must be json or csv.");
  if (format === "csv") {
    return new Response(streamPromotionsCsv({ actor, filter: filterInput(params) }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="promotions.csv"',
        "cache-control": "no-store",
      },
    });
  }
  const limit = params.has("limit") ? Number(params.get("limit")) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE))
    throw new ValidationError(`limit must be a whole number from 1 to ${MAX_PAGE}.`, {
      limit: ["Out of range"],
    });
  const page = await searchPromotions({
    actor,
    filter: filterInput(params),
    page: { cursor: params.get("cursor"), limit },
  });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (page.nextCursor) {
    const next = new URL(req.url);
    next.searchParams.set("cursor", page.nextCursor);
    headers.link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return NextResponse.json(page, { headers });
});

/** Starts a run as the browser's form does, then sends the acknowledgement requests after answering. */
export const POST = apiOperation(startRun, async ({ actor, body }) => {
  const run = await createRun({
    actor,
    templateSlug: body.template,
    fields: body.fields,
    subscribers: body.subscribers,
    rehearsal: body.rehearsal,
    templateVersion: body.templateVersion,
  });
  sendAckRequestsAfter({ actor, runId: run.id });
  return getRunView({ actor, number: run.number });
});
