import "server-only";
import { env } from "@/lib/env";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";

export type HttpAnswer = { status: number; body: string };

// A provider's error page can be large; the evidence keeps the start of it.
const BODY_LIMIT = 2_000;
// However long a provider asks us to wait, an announcement older than this is no longer news.
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** A call that timed out may still have reached the provider and acted: kept so a retry can check. */
export const TIMED_OUT = "did not answer within";

/** POSTs JSON; see `sendJson`. */
export function postJson(
  provider: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return sendJson(provider, "POST", url, body, headers);
}

/**
 * Sends JSON with a timeout and sorts the answer: 2xx returns; 429 (and Statuspage's 420,
 * its own "rate limit exceeded") and 5xx, timeouts and network errors are worth another try;
 * any other 4xx is permanent. `provider` names the far end in messages, which never contain
 * the URL (a Slack webhook URL is a secret).
 */
export async function sendJson(
  provider: string,
  method: "POST" | "PATCH" | "GET",
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  /** How much of a 2xx answer is kept: a list the caller parses needs all of it. */
  okLimit = BODY_LIMIT,
): Promise<HttpAnswer> {
  const timeoutMs = env().INTEGRATION_HTTP_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError")
      throw new DeliveryError(`${provider} ${TIMED_OUT} ${timeoutMs} ms.`);
    throw new DeliveryError(`${provider} could not be reached (${describeNetworkError(err)}).`);
  }
  const full = await res.text().catch(() => "");
  if (res.ok) return { status: res.status, body: full.slice(0, okLimit) };
  const text = full.slice(0, BODY_LIMIT);
  const answer = `${provider} answered ${res.status}${text ? `: ${text.slice(0, 300)}` : ""}`;
  // https://developer.statuspage.io: "Error codes 420 or 429 indicate that you have exceeded the rate limit".
  if (res.status === 429 || res.status === 420) {
    const wait = retryAfterMs(res.headers.get("retry-after"));
    throw new DeliveryError(answer, { retryAfterMs: wait ?? undefined });
  }
  if (res.status === 408 || res.status >= 500) throw new DeliveryError(answer);
  throw new DeliveryError(answer, { permanent: true });
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : "unknown error");
}
