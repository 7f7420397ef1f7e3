import { percentile } from "./stats";
import { tickOutcome, tickRequest, type TickRef } from "./tick-action";

/** Reads `change` events of a Server-Sent Events stream and hands each item id to `onChange`. */
async function followEvents(
  url: string,
  cookie: string,
  onChange: (itemId: string) => void,
  signal: AbortSignal,
) {
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal });
  if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let ready!: () => void;
  const opened = new Promise<void>((r) => (ready = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === "ready") ready();
          if (event === "change" && data) onChange((JSON.parse(data) as { itemId: string }).itemId);
        }
      }
    } catch {
      // Aborted at the end of the measurement.
    }
  })();
  await opened;
}

/**
 * Ticks on instance A, one at a time, and times each until instance B's event stream
 * announces it: the NOTIFY crosses PostgreSQL from one process to the other.
 */
export async function propagation(opts: {
  a: string;
  b: string;
  actionId: string;
  cookie: string;
  items: TickRef[];
}) {
  const abort = new AbortController();
  const waiting = new Map<string, (at: number) => void>();
  await followEvents(
    `${opts.b}/api/runs/${opts.items[0]!.number}/events`,
    opts.cookie,
    (itemId) => waiting.get(itemId)?.(performance.now()),
    abort.signal,
  );
  const sinceTick: number[] = [];
  const sinceAnswer: number[] = [];
  let missed = 0;
  try {
    for (const ref of opts.items) {
      const heard = new Promise<number | null>((resolve) => {
        waiting.set(ref.itemId, resolve);
        setTimeout(() => resolve(null), 5_000).unref();
      });
      const req = tickRequest(opts.a, opts.actionId, opts.cookie, ref);
      const sent = performance.now();
      const res = await fetch(opts.a + req.path, { method: "POST", headers: req.headers, body: req.body });
      const answered = performance.now();
      if (!tickOutcome(await res.text()).ok) throw new Error(`tick of ${ref.itemId} on A was refused`);
      const at = await heard;
      waiting.delete(ref.itemId);
      if (at === null) missed++;
      else {
        sinceTick.push(at - sent);
        sinceAnswer.push(at - answered);
      }
    }
  } finally {
    abort.abort();
  }
  return {
    ticks: opts.items.length,
    missed,
    sinceTickP50: percentile(sinceTick, 50),
    sinceTickP95: percentile(sinceTick, 95),
    sinceAnswerP50: percentile(sinceAnswer, 50),
    sinceAnswerP95: percentile(sinceAnswer, 95),
  };
}
