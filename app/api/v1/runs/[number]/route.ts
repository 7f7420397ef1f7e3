import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getRunView } from "@/lib/runs/get-run-view";
import { NotFoundError } from "@/lib/errors";

export const GET = apiRoute(async (_req, { params }: { params: Promise<{ number: string }> }, actor) => {
  const n = Number((await params).number);
  if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError("No such run.");
  return NextResponse.json(await getRunView({ actor, number: n }), {
    headers: { "cache-control": "no-store" },
  });
});
