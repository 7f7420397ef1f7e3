import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { ValidationError } from "@/lib/errors";
import { filterInput } from "@/lib/audit/promotion-filter";
import { promotionsCsv, searchPromotions } from "@/lib/audit/search-promotions";
import { apiOperation } from "@/lib/api/operation";
import { startRun } from "@/lib/api/operations/run-operations";
import { createRun } from "@/lib/runs/create-run";
import { getRunView } from "@/lib/runs/get-run";
import { sendAckRequestsAfter } from "@/lib/acks/send-ack-requests-after";

/** The promotions list with the /promotions filters; `?format=csv` for a spreadsheet. */
export const GET = apiRoute(async (req, _ctx: unknown, actor) => {
  const params = new URL(req.url).searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new ValidationError("format must be json or csv.");
  const result = await searchPromotions(actor, filterInput(params));
  if (format === "json") return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  return new Response(promotionsCsv(result.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="promotions.csv"',
      "cache-control": "no-store",
    },
  });
});

/** Starts a run as the browser's form does, then sends the acknowledgement requests after answering. */
export const POST = apiOperation(startRun, async ({ actor, body }) => {
  const run = await createRun({
    actor,
    templateSlug: body.template,
    fields: body.fields,
    subscribers: body.subscribers,
  });
  sendAckRequestsAfter(actor, run.id);
  return getRunView(actor, run.number);
});
