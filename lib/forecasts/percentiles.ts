/** Fewer past runs than this, and a forecast says so instead of guessing. */
export const MIN_HISTORY = 3;

export type Forecast =
  { enough: true; runs: number; medianMs: number; p90Ms: number } | { enough: false; runs: number };

/** Median (mean of the middle two for an even count) and nearest-rank 90th percentile. */
export function forecastOf(samples: number[]): Forecast {
  if (samples.length < MIN_HISTORY) return { enough: false, runs: samples.length };
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length / 2;
  const medianMs = s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  const p90Ms = s[Math.ceil(0.9 * s.length) - 1]!;
  return { enough: true, runs: s.length, medianMs: Math.round(medianMs), p90Ms };
}

export type WindowFit =
  | { verdict: "fits" | "tight" | "does not fit"; needMs: number; leftMs: number }
  | { verdict: "not enough history"; runs: number }
  | { verdict: "no window" };

/** How much of what is left the switch and a back-off may use before it is "tight". */
export const TIGHT_SHARE = 0.75;

/**
 * Whether the DNS switch plus a possible back-off (each at its 90th percentile) fits in what
 * is left of the window: "fits" within three quarters of it, "tight" within all of it.
 */
export function windowFit(
  switchStep: Forecast,
  backoff: Forecast,
  windowEnd: Date | null,
  now: Date,
): WindowFit {
  if (!windowEnd) return { verdict: "no window" };
  if (!switchStep.enough || !backoff.enough)
    return { verdict: "not enough history", runs: Math.min(switchStep.runs, backoff.runs) };
  const needMs = switchStep.p90Ms + backoff.p90Ms;
  const leftMs = Math.max(0, windowEnd.getTime() - now.getTime());
  const verdict = needMs <= leftMs * TIGHT_SHARE ? "fits" : needMs <= leftMs ? "tight" : "does not fit";
  return { verdict, needMs, leftMs };
}
