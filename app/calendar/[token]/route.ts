import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-answer";
import { readCalendarFeed } from "@/lib/calendar/calendar-feeds";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const TOKEN = /^([A-Za-z0-9_-]{20,100})(?:\.ics)?$/;

/**
 * A person's private calendar feed, `/calendar/<token>.ics`: no session (calendar apps
 * have none); the token is the authority. Unknown → 404, revoked → 410, each saying so.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const m = TOKEN.exec((await params).token);
    if (!m) throw new NotFoundError("No such calendar feed.");
    const ics = await readCalendarFeed(m[1]!);
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "cache-control": "private, no-store",
        // The URL is a secret: never pass it on.
        "referrer-policy": "no-referrer",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
