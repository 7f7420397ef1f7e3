import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { getRunView } from "@/lib/runs/get-run";
import { jsonError } from "@/lib/http/json-error";
import { NotFoundError } from "@/lib/errors";

export async function GET(_req: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const n = Number((await params).number);
    if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError("No such run.");
    return NextResponse.json(await getRunView(await getActor(), n), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return jsonError(err);
  }
}
