import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { NotFoundError } from "@/lib/errors";

export const GET = apiRoute(async (_req, { params }: { params: Promise<{ number: string }> }, actor) => {
  const n = Number((await params).number);
  if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError("No such run.");
  return NextResponse.json(await getAckRoster({ actor, run: { number: n } }), {
    headers: { "cache-control": "no-store" },
  });
});
