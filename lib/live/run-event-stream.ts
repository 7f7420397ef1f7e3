import "server-only";
import type { LiveHub, LiveMessage } from "@/lib/live/live-hub";

const HEARTBEAT_MS = 15_000;

// Every open stream of this process, so a shutdown can end them (dev hot reload keeps one set).
const live = globalThis as unknown as { runsheetStreams?: Set<() => void> };
const openStreams = () => (live.runsheetStreams ??= new Set());

/**
 * Ends every open stream with a reconnect hint, so browsers move to another instance at
 * once instead of holding this one open while it shuts down.
 */
export function endAllStreams(): number {
  const ends = [...openStreams()];
  for (const end of ends) end();
  return ends.length;
}

/**
 * Server-Sent Events for one run and one viewer: `change` per committed change, `presence`
 * with everyone who has the run open, `resync` when changes may have been missed.
 * Comments every 15 s keep proxies from closing an idle stream.
 *
 * Access is asked again (`mayContinue`) after every change of the run (a subscriber's
 * removal is one) and at every heartbeat (a role change, a deactivation or a sign-out is
 * not a change of the run); when it is gone the stream sends `ended` and closes.
 */
export function runEventStream(
  hub: LiveHub,
  who: { runId: string; userId: string; name: string },
  signal: AbortSignal,
  mayContinue: () => Promise<boolean> = async () => true,
  heartbeatMs = HEARTBEAT_MS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const send = (event: string, data: unknown) =>
        write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // One check at a time; a change arriving meanwhile is held until it is answered.
      let checking: Promise<boolean> | null = null;
      const recheck = (): Promise<boolean> => {
        checking ??= mayContinue()
          .catch((err: unknown) => {
            console.error("live stream: access check failed", err);
            return false;
          })
          .then((ok) => {
            checking = null;
            if (!ok && !closed) {
              send("ended", { reason: "access" });
              cleanup();
            }
            return ok;
          });
        return checking;
      };
      const onMessage = (m: LiveMessage) => {
        if (m.type === "change") {
          void recheck().then((ok) => ok && send("change", m.change));
        } else if (m.type === "presence") send("presence", { viewers: m.viewers });
        else send("resync", {});
      };
      const unsubscribe = hub.subscribe(who.runId, onMessage);
      const leave = hub.join(who);
      const heartbeat = setInterval(() => {
        void recheck().then((ok) => ok && write(`: heartbeat ${Date.now()}\n\n`));
      }, heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        openStreams().delete(endForShutdown);
        clearInterval(heartbeat);
        unsubscribe();
        leave();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      const endForShutdown = () => {
        write("retry: 1000\n\n");
        send("shutdown", {});
        cleanup();
      };
      openStreams().add(endForShutdown);
      signal.addEventListener("abort", cleanup);
      write("retry: 2000\n\n");
      send("ready", { instance: hub.instance });
      send("presence", { viewers: hub.viewers(who.runId) });
    },
    cancel() {
      cleanup();
    },
  });
}
