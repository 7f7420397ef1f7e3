import autocannon from "autocannon";
import { percentile } from "./stats";
import { tickOutcome, tickRequest, type TickRef } from "./tick-action";

export type LoadResult = {
  connections: number;
  requests: number;
  ok: number;
  refused: Record<string, number>;
  non2xx: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The mean size of an answer's body. */
  answerBytes?: number;
  /** Statements PostgreSQL executed for the load's login, per successful tick (pg_stat_statements). */
  statementsPerTick?: number;
};

/**
 * Ticks each of `items` once through the server action, `connections` at a time, with
 * autocannon. Each connection sends its next request when the previous one answered, so
 * the time from building a request to its answer is that request's latency.
 */
export async function tickLoad(opts: {
  base: string;
  actionId: string;
  cookie: string;
  connections: number;
  items: TickRef[];
}): Promise<LoadResult> {
  const queue = [...opts.items];
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let ok = 0;
  let non2xx = 0;
  let bytes = 0;
  const started = performance.now();
  const result = await autocannon({
    url: opts.base,
    connections: opts.connections,
    amount: opts.items.length,
    timeout: 30,
    method: "POST",
    requests: [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const ref = queue.shift() ?? opts.items[0]!;
          context.sentAt = performance.now();
          return { ...req, ...tickRequest(opts.base, opts.actionId, opts.cookie, ref) };
        },
        onResponse: (status, body, context) => {
          latencies.push(performance.now() - (context.sentAt as number));
          bytes += Buffer.byteLength(body);
          if (status < 200 || status > 299) {
            non2xx++;
            return;
          }
          const outcome = tickOutcome(body);
          if (outcome.ok) ok++;
          else {
            const code = outcome.code ?? "unreadable";
            refused[code] = (refused[code] ?? 0) + 1;
          }
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    connections: opts.connections,
    requests: latencies.length,
    ok,
    refused,
    non2xx,
    errors: result.errors + result.timeouts,
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    answerBytes: bytes / Math.max(1, latencies.length),
  };
}
