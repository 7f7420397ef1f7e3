import { actorForSession, sessionClaims } from "@/lib/auth/session";
import { runByNumber } from "@/lib/api/run-ref";
import { UnauthenticatedError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-answer";
import { requestLogger } from "@/lib/log/logger";
import { liveHub } from "@/lib/live/process-hub";
import { runEventStream } from "@/lib/live/run-event-stream";
import { mayStillWatch } from "@/lib/live/stream-access";

// A long-lived stream: Node's runtime, never cached or prerendered.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The live changes of one run as Server-Sent Events. Outside /api/v1 because EventSource
 * cannot send a Bearer token; it is read with the session, under the same read scope as the run.
 */
export async function GET(req: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const claims = await sessionClaims();
    const actor = claims ? await actorForSession(claims) : null;
    // Without a session the answer is 401 (sign in), as for every other read.
    if (!actor) throw new UnauthenticatedError();
    const run = await runByNumber(actor, (await params).number);
    const stream = runEventStream(
      liveHub(),
      { runId: run.id, userId: actor.id, name: actor.name },
      req.signal,
      // Asked again while the stream is open: access can end after it started.
      () => mayStillWatch(claims!, run.id),
    );
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  } catch (err) {
    return errorResponse(err, await requestLogger());
  }
}
