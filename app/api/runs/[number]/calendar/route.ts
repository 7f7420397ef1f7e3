import { getActor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-answer";
import { runCalendar } from "@/lib/calendar/run-calendar";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The run's window as an .ics file (read with the session, under the run's read scope). */
export async function GET(_req: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const n = Number((await params).number);
    if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError("No such run.");
    const { filename, ics } = await runCalendar({ actor: await getActor(), number: n });
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
